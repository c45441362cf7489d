"""The incident lifecycle as data: which status may follow which, and what each move stamps."""

from incidents.choices import EscalationStatus as E
from incidents.choices import IncidentStatus as S

TRANSITIONS: dict[str, frozenset[str]] = {
    S.OPEN: frozenset({S.IN_PROGRESS, S.RESOLVED}),
    S.IN_PROGRESS: frozenset({S.MONITORING, S.RESOLVED}),
    S.MONITORING: frozenset({S.IN_PROGRESS, S.RESOLVED}),
    S.RESOLVED: frozenset({S.CLOSED, S.IN_PROGRESS}),
    S.CLOSED: frozenset(),
}
"""Allowed moves. Resolved and monitoring reopen to in progress; closed is final."""

REOPENING = frozenset({(S.RESOLVED, S.IN_PROGRESS), (S.MONITORING, S.IN_PROGRESS)})

ACTIVE_STATUSES = frozenset({S.OPEN, S.IN_PROGRESS, S.MONITORING})
"""An incident in one of these is still being worked: SLA clocks run, bridges stay open."""


def allowed_next(status: str) -> frozenset[str]:
    return TRANSITIONS.get(status, frozenset())


ESCALATION_TRANSITIONS: dict[str, frozenset[str]] = {
    E.PENDING: frozenset({E.APPROVED, E.DENIED, E.CANCELLED}),
    E.APPROVED: frozenset(),
    E.DENIED: frozenset(),
    E.CANCELLED: frozenset(),
}
"""SOP 16: a pending escalation is approved, denied or withdrawn, once."""
