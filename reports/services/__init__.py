"""Writes of reports, RCAs and post-incident reviews."""

from reports.services.offers import (
    learning_actions,
    learning_actions_for_problem,
    rca_actions,
    rca_next_statuses,
    report_actions,
    report_next_statuses,
    review_actions,
    review_next_statuses,
)
from reports.services.rcas import rca_create, rca_transition, rca_update
from reports.services.reports import (
    report_create,
    report_create_closure_draft,
    report_transition,
    report_update,
)
from reports.services.reviews import review_create, review_transition, review_update

__all__ = [
    "learning_actions",
    "learning_actions_for_problem",
    "rca_actions",
    "rca_create",
    "rca_next_statuses",
    "rca_transition",
    "rca_update",
    "report_actions",
    "report_create",
    "report_create_closure_draft",
    "report_next_statuses",
    "report_transition",
    "report_update",
    "review_actions",
    "review_create",
    "review_next_statuses",
    "review_transition",
    "review_update",
]
