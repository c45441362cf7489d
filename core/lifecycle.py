"""Status lifecycles as data: one check shared by every record that moves from status to status."""

from collections.abc import Iterable, Mapping

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


def next_statuses(transitions: Transitions, current: str) -> list[str]:
    """Where a record in `current` may move, in the order the lifecycle lists its statuses."""
    order = list(transitions)
    return sorted(transitions.get(current, frozenset()), key=order.index)


def free_moves(values: Iterable[str]) -> dict[str, frozenset[str]]:
    """A lifecycle with no order: every status may follow every other (an active flag, an operational state)."""
    statuses = list(values)
    return {status: frozenset(other for other in statuses if other != status) for status in statuses}


def check_change(transitions: Transitions, *, current: str, data: Mapping[str, object], field: str, label: str) -> None:
    """Check a status that an edit form or API update carries along with other fields, when it changes."""
    target = data.get(field)
    if target is not None and target != current:
        check_move(transitions, current=current, target=str(target), label=label)
