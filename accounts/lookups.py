"""Resolving the users and clients that a service's input names by id, with the SOP's checks on them."""

from __future__ import annotations

from accounts.choices import UserStatus
from accounts.models import Client, User
from core.errors import RuleViolation


def user_resolve(value: User | int | str | None, *, field: str, label: str, active: bool = True) -> User:
    """The user `value` names; refused as `<label>_not_found` or, unless `active` is False, `<label>_inactive`."""
    try:
        user = value if isinstance(value, User) else User.objects.get(pk=int(str(value)))
    except (User.DoesNotExist, TypeError, ValueError):
        raise RuleViolation(
            f"User {value} does not exist.", code=f"{label}_not_found", fields={field: "No such user."}
        ) from None
    if active and user.status != UserStatus.ACTIVE:
        raise RuleViolation(
            f"{user.full_name} is inactive; choose an active user.",
            code=f"{label}_inactive",
            fields={field: "This user is inactive."},
        )
    return user


def client_resolve(value: Client | int | str, *, field: str = "client") -> Client:
    try:
        return value if isinstance(value, Client) else Client.objects.get(pk=int(str(value)))
    except (Client.DoesNotExist, TypeError, ValueError):
        raise RuleViolation(
            f"Client {value} does not exist.", code="client_not_found", fields={field: "No such client."}
        ) from None
