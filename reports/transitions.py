"""RCA, review and report lifecycles as data: which status may follow which."""

from reports.choices import RCAStatus, ReportStatus, ReviewStatus

RCA_TRANSITIONS: dict[str, frozenset[str]] = {
    RCAStatus.ASSIGNED: frozenset({RCAStatus.IN_PROGRESS}),
    RCAStatus.IN_PROGRESS: frozenset({RCAStatus.COMPLETED}),
    RCAStatus.COMPLETED: frozenset({RCAStatus.APPROVED, RCAStatus.IN_PROGRESS}),
    RCAStatus.APPROVED: frozenset(),
}
REVIEW_TRANSITIONS: dict[str, frozenset[str]] = {
    ReviewStatus.SCHEDULED: frozenset({ReviewStatus.COMPLETED, ReviewStatus.CANCELLED}),
    ReviewStatus.COMPLETED: frozenset(),
    ReviewStatus.CANCELLED: frozenset(),
}
REPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    ReportStatus.DRAFT: frozenset({ReportStatus.COMPLETED}),
    ReportStatus.COMPLETED: frozenset({ReportStatus.APPROVED, ReportStatus.DRAFT}),
    ReportStatus.APPROVED: frozenset({ReportStatus.ARCHIVED}),
    ReportStatus.ARCHIVED: frozenset(),
}

RCA_AWAITING_APPROVAL = frozenset({RCAStatus.IN_PROGRESS, RCAStatus.COMPLETED})
"""SOP 20 step 4: an RCA may ask for an approval while it is in progress or completed."""
