"""The DomainError family: every refusal a service makes, with a stable code and an HTTP status.

Tests and integrations rely on `code`; the message is for people and may change.
"""

from collections.abc import Mapping, Sequence
from typing import ClassVar


class DomainError(Exception):
    """Base of every refusal raised by a service; rendered as `{code, message, fields}`."""

    status_code: ClassVar[int] = 400
    default_code: ClassVar[str] = "rule_violation"
    default_message: ClassVar[str] = "The request breaks a rule."

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        fields: Mapping[str, Sequence[str] | str] | None = None,
    ) -> None:
        self.message = message or self.default_message
        self.code = code or self.default_code
        self.fields: dict[str, list[str]] = {
            name: [errors] if isinstance(errors, str) else list(errors) for name, errors in (fields or {}).items()
        }
        super().__init__(self.message)

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message, "fields": self.fields}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"


class RuleViolation(DomainError):
    """Input that breaks an SOP rule (400)."""


class InvalidInput(DomainError):
    """Input of the wrong shape: a missing required field, an unknown enum value (400)."""

    default_code = "invalid"
    default_message = "Some fields are missing or invalid."


class NotPermitted(DomainError):
    """The actor's role does not allow the action (403)."""

    status_code = 403
    default_code = "not_permitted"
    default_message = "You are not allowed to do this."


class NotFound(DomainError):
    """The record does not exist, or is not visible to the actor (404)."""

    status_code = 404
    default_code = "not_found"
    default_message = "No such record."


class Conflict(DomainError):
    """A precondition on the record's state failed (409)."""

    status_code = 409
    default_code = "conflict"
    default_message = "The record's state does not allow this."


class InvalidTransition(Conflict):
    """A status move that the lifecycle does not allow (409)."""

    default_code = "invalid_transition"
    default_message = "This status change is not allowed."


class Duplicate(Conflict):
    """The record, link or request already exists (409)."""

    default_code = "duplicate"
    default_message = "This already exists."


class Stale(Conflict):
    """The record changed since the caller read it (409)."""

    default_code = "stale"
    default_message = "The record changed since you loaded it; reload and try again."
