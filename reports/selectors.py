"""Reads of RCAs, post-incident reviews and incident reports (internal: client contacts see none)."""

from django.db.models import QuerySet

from accounts.models import User
from core.actor import Actor
from core.permissions import scope
from reports.models import IncidentReport, PostIncidentReview, RootCauseAnalysis


def rca_list(*, actor: Actor | User) -> QuerySet[RootCauseAnalysis]:
    return scope(
        RootCauseAnalysis.objects.select_related("incident", "problem", "assigned_to", "approved_by", "reported_by"),
        actor,
    )


def review_list(*, actor: Actor | User) -> QuerySet[PostIncidentReview]:
    return scope(PostIncidentReview.objects.select_related("incident", "facilitator", "created_by"), actor)


def report_list(*, actor: Actor | User) -> QuerySet[IncidentReport]:
    return scope(IncidentReport.objects.select_related("incident", "generated_by"), actor)
