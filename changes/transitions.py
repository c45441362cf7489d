"""Change and rollback lifecycles as data: which status may follow which."""

from changes.choices import ChangeStatus, RollbackStatus

_C = ChangeStatus
CHANGE_TRANSITIONS: dict[str, frozenset[str]] = {
    _C.REQUESTED: frozenset({_C.APPROVED, _C.DENIED, _C.SCHEDULED, _C.CANCELLED}),
    _C.SCHEDULED: frozenset({_C.DENIED, _C.IMPLEMENTED, _C.CANCELLED}),
    _C.APPROVED: frozenset({_C.SCHEDULED, _C.IMPLEMENTED, _C.CANCELLED}),
    _C.DENIED: frozenset(),
    _C.IMPLEMENTED: frozenset(),
    _C.CANCELLED: frozenset(),
}
"""Scheduling and implementing a normal or emergency change additionally need its approval (changes.services);
an approval granted on a scheduled (standard) change records the approver and leaves it scheduled."""

_R = RollbackStatus
ROLLBACK_TRANSITIONS: dict[str, frozenset[str]] = {
    _R.REQUESTED: frozenset({_R.APPROVED}),
    _R.APPROVED: frozenset({_R.EXECUTED, _R.FAILED}),
    _R.EXECUTED: frozenset(),
    _R.FAILED: frozenset(),
}

CHANGE_AWAITING_APPROVAL = frozenset({ChangeStatus.REQUESTED, ChangeStatus.SCHEDULED})
"""SOP 20 step 4: a change may ask for an approval while requested or scheduled."""

ROLLBACK_AWAITING_APPROVAL = frozenset({RollbackStatus.REQUESTED})
