"""Status lifecycles as data: one check shared by every record that moves from status to status."""

from collections.abc import Mapping

from core.errors import InvalidInput, InvalidTransition

Transitions = Mapping[str, frozenset[str]]


def check_move(transitions: Transitions, *, current: str, target: str, label: str) -> None:
    """Refuse a move the lifecycle does not list, naming where the record may go instead."""
    if target not in transitions:
        raise InvalidInput(fields={"status": f"Unknown status {target!r}."})
    allowed = sorted(transitions.get(current, frozenset()))
    if target not in allowed:
        options = f"; it may move to {', '.join(allowed)}." if allowed else f"; {current} is final."
        raise InvalidTransition(
            f"{label} cannot move from {current} to {target}{options}",
            code="invalid_transition",
            fields={"status": [f"Allowed next: {', '.join(allowed) or 'none'}."]},
        )
