"""The records approvals govern, registered by the apps that own them (in their `ready()`).

Approvals sit below every app whose records they govern: an app asks for an approval (a call down) and
registers what a decision does to its record (an effect up). Registered by incidents (escalations, closures),
bridges, changes (changes, rollbacks) and reports (RCAs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Model

from core.actor import Actor
from core.errors import InvalidInput
from core.roles import Role

if TYPE_CHECKING:
    from approvals.models import ApprovalRequest


@dataclass(frozen=True)
class ApprovalDecision:
    """A decision on `approval`, about `record` (locked), to hand to the record's app."""

    actor: Actor
    approval: ApprovalRequest
    record: Any
    approved: bool


MANAGERS = frozenset({Role.INCIDENT_MANAGER, Role.EXECUTIVE, Role.SYSTEM_ADMINISTRATOR})
"""Who decides an approval unless its subject names other roles."""


def _managers(record: Any) -> frozenset[str]:
    return MANAGERS


def _nobody(record: Any) -> Iterable[int | None]:
    return ()


@dataclass(frozen=True)
class ApprovalSubject:
    """One kind of record an approval may be about (SOP 20 step 4: the statuses it may be requested in)."""

    reference_type: str
    model: type[Model]
    awaiting: frozenset[str]
    on_decision: Callable[[ApprovalDecision], None] | None = None
    """What a decision does to the record, in the decision's transaction; None: the decision is only recorded."""
    deciders: Callable[[Any], frozenset[str]] = _managers
    """The roles that may decide an approval on this record: the approver must hold one when asked, and still
    hold it when deciding."""
    requesters: Callable[[Any], Iterable[int | None]] = _nobody
    """The people who asked for what the approval gates (a change's requester...): never its approver, like the
    person who asked for the approval itself."""


_SUBJECTS: dict[str, ApprovalSubject] = {}


def approval_subject_register(subject: ApprovalSubject) -> None:
    _SUBJECTS[subject.reference_type] = subject


def approval_subject(reference_type: str) -> ApprovalSubject:
    try:
        return _SUBJECTS[reference_type]
    except KeyError:
        raise InvalidInput(fields={"reference_type": f"Unknown reference type {reference_type!r}."}) from None


def approval_subjects() -> dict[str, ApprovalSubject]:
    return dict(_SUBJECTS)
