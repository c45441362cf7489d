"""Response-cycle lifecycles as data: phase records through review, action items to done."""

from response.choices import ActionStatus, RecordStatus

ACTION_ITEM_TRANSITIONS: dict[str, frozenset[str]] = {
    ActionStatus.OPEN: frozenset({ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.CANCELLED}),
    ActionStatus.IN_PROGRESS: frozenset({ActionStatus.DONE, ActionStatus.CANCELLED, ActionStatus.OPEN}),
    ActionStatus.DONE: frozenset({ActionStatus.IN_PROGRESS}),
    ActionStatus.CANCELLED: frozenset({ActionStatus.OPEN}),
}

ACTION_ITEM_UNFINISHED = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})
"""Still to be done: an unfinished item past its due date is overdue (see response.models.overdue_q)."""

PHASE_RECORD_TRANSITIONS: dict[str, frozenset[str]] = {
    RecordStatus.DRAFT: frozenset({RecordStatus.SUBMITTED, RecordStatus.SENT}),
    RecordStatus.SUBMITTED: frozenset({RecordStatus.APPROVED, RecordStatus.REVISION, RecordStatus.DRAFT}),
    RecordStatus.REVISION: frozenset({RecordStatus.DRAFT}),
    RecordStatus.APPROVED: frozenset(),
    RecordStatus.SENT: frozenset({RecordStatus.DRAFT}),
}
"""A gate record is drafted, submitted, then approved or sent back; rewriting a submitted or sent-back record
makes it a draft again. Approved gates are final. A stakeholder update is drafted then sent; the next update is
written over the sent one (a draft again), so each update is sent once."""
