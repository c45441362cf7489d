"""Writes of reports, RCAs and post-incident reviews."""

from reports.services.offers import learning_actions
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
    "rca_create",
    "rca_transition",
    "rca_update",
    "report_create",
    "report_create_closure_draft",
    "report_transition",
    "report_update",
    "review_create",
    "review_transition",
    "review_update",
]
