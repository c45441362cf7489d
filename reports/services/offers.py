"""What the learning cycle offers now: records to start for an incident or a problem, and the moves and edits
of RCAs, reviews and reports (the rules of SOPs 17, 18 and 20, asked by the pages)."""

from __future__ import annotations

from core.actor import Actor
from core.lifecycle import next_statuses
from core.permissions import can
from incidents.choices import MAJOR_SEVERITIES, IncidentStatus
from incidents.models import Incident
from problems.choices import ProblemStatus
from problems.models import Problem
from reports.choices import RCAStatus, ReportStatus, ReviewStatus
from reports.models import IncidentReport, PostIncidentReview, RootCauseAnalysis
from reports.services._common import FINISHED
from reports.transitions import (
    RCA_AWAITING_APPROVAL,
    RCA_TRANSITIONS,
    REPORT_TRANSITIONS,
    REVIEW_TRANSITIONS,
)


def learning_actions(*, actor: Actor, incident: Incident) -> set[str]:
    """`draft_report` (SOP 18: resolved or closed), `start_rca` (SOP 17: a finished P1/P2), `schedule_review`
    (a closed incident), each only for an actor who may."""
    finished = incident.status in FINISHED
    offered = {
        "draft_report": finished and can(actor, "reports.manage"),
        "start_rca": finished and incident.severity in MAJOR_SEVERITIES and can(actor, "rcas.manage"),
        "schedule_review": incident.status == IncidentStatus.CLOSED and can(actor, "reviews.manage"),
    }
    return {name for name, allowed in offered.items() if allowed}


def learning_actions_for_problem(*, actor: Actor, problem: Problem) -> set[str]:
    """`start_rca` (SOP 17: a resolved or closed problem ticket), for an actor who may."""
    finished = problem.status in (ProblemStatus.RESOLVED, ProblemStatus.CLOSED)
    return {"start_rca"} if finished and can(actor, "rcas.manage") else set()


def _offered(options: dict[str, bool]) -> frozenset[str]:
    return frozenset(name for name, allowed in options.items() if allowed)


def rca_next_statuses(*, actor: Actor, rca: RootCauseAnalysis) -> list[str]:
    """Approving needs rcas.approve and someone other than the analyst; every other move rcas.manage."""
    moves = next_statuses(RCA_TRANSITIONS, rca.status)
    may_approve = can(actor, "rcas.approve") and actor.user_id != rca.assigned_to_id
    return [s for s in moves if (may_approve if s == RCAStatus.APPROVED else can(actor, "rcas.manage"))]


def rca_actions(*, actor: Actor, rca: RootCauseAnalysis) -> frozenset[str]:
    return _offered(
        {
            "edit": can(actor, "rcas.manage") and rca.status != RCAStatus.APPROVED,
            "request_approval": can(actor, "approvals.request") and rca.status in RCA_AWAITING_APPROVAL,
        }
    )


def review_next_statuses(*, actor: Actor, review: PostIncidentReview) -> list[str]:
    return next_statuses(REVIEW_TRANSITIONS, review.status) if can(actor, "reviews.manage") else []


def review_actions(*, actor: Actor, review: PostIncidentReview) -> frozenset[str]:
    return _offered({"edit": can(actor, "reviews.manage") and review.status != ReviewStatus.CANCELLED})


def report_next_statuses(*, actor: Actor, report: IncidentReport) -> list[str]:
    """Approving needs reports.approve, every other move reports.manage."""
    moves = next_statuses(REPORT_TRANSITIONS, report.report_status)
    return [s for s in moves if can(actor, "reports.approve" if s == ReportStatus.APPROVED else "reports.manage")]


def report_actions(*, actor: Actor, report: IncidentReport) -> frozenset[str]:
    return _offered({"edit": can(actor, "reports.manage") and report.report_status == ReportStatus.DRAFT})
