"""SOP 17 (RCAs and post-incident reviews) and SOP 18 (incident reports)."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import User
from core.actor import Actor
from reports.models import RootCauseAnalysis
from reports.rendering import report_markdown
from reports.services import (
    rca_create,
    rca_transition,
    rca_update,
    report_create,
    report_transition,
    report_update,
    review_create,
    review_transition,
    review_update,
)
from tests.accounts.factories import UserFactory
from tests.helpers import assert_refused
from tests.incidents.factories import IncidentFactory
from tests.problems.factories import ProblemFactory
from tests.reports.factories import RCAFactory

pytestmark = pytest.mark.django_db

WHYS = {
    "whys": ["Checkout failed", "Pool exhausted", "Leak in v2.3", "No load test", "No gate"],
    "root_cause": "No gate",
}


def test_rca_on_a_resolved_p1_with_its_chain_of_whys(support: User) -> None:
    incident = IncidentFactory(severity="P1", status="resolved")
    rca = rca_create(
        actor=Actor.web(support), incident=incident, assigned_to=support.pk, analysis_method="5_whys", analysis=WHYS
    )
    assert rca.rca_number.startswith("RCA")
    assert (rca.status, rca.analysis["whys"][1], rca.rca_title) == (
        "assigned",
        "Pool exhausted",
        f"RCA: {incident.incident_number}",
    )


def test_rca_on_a_closed_problem_with_a_fishbone(support: User) -> None:
    problem = ProblemFactory(status="closed")
    rca = rca_create(
        actor=Actor.web(support), problem=problem, assigned_to=support.pk, analysis_method="fishbone",
        analysis={"causes": {"Code": ["unbounded retry"], "Process": ["no review"]}},
    )  # fmt: skip
    assert rca.analysis["causes"]["Code"] == ["unbounded retry"]
    assert rca.analysis["causes"]["People"] == []


def test_rca_refusals(support: User) -> None:
    actor = Actor.web(support)
    p3 = IncidentFactory(severity="P3", status="resolved")
    open_p1 = IncidentFactory(severity="P1", status="in_progress")
    problem = ProblemFactory(status="investigating")
    ok = IncidentFactory(severity="P2", status="closed")
    inactive = UserFactory(status="inactive")
    assert_refused(
        lambda: rca_create(actor=actor, incident=p3, assigned_to=support.pk, analysis_method="timeline"),
        "rca_not_eligible",
    )
    assert_refused(
        lambda: rca_create(actor=actor, incident=open_p1, assigned_to=support.pk, analysis_method="timeline"),
        "incident_not_resolved",
    )
    assert_refused(
        lambda: rca_create(actor=actor, problem=problem, assigned_to=support.pk, analysis_method="timeline"),
        "problem_not_resolved",
    )
    assert_refused(
        lambda: rca_create(actor=actor, assigned_to=support.pk, analysis_method="timeline"), "rca_subject_required"
    )
    assert_refused(
        lambda: rca_create(
            actor=actor, incident=ok, problem=problem, assigned_to=support.pk, analysis_method="timeline"
        ),
        "rca_subject_required",
    )
    assert_refused(
        lambda: rca_create(actor=actor, incident=ok, assigned_to=support.pk, analysis_method="astrology"), "invalid"
    )
    assert_refused(
        lambda: rca_create(actor=actor, incident=ok, assigned_to=inactive.pk, analysis_method="timeline"),
        "assignee_inactive",
    )
    assert_refused(
        lambda: rca_create(
            actor=actor,
            incident=ok,
            assigned_to=support.pk,
            analysis_method="fishbone",
            analysis={"causes": {"Luck": []}},
        ),
        "invalid",
    )


def test_rca_from_assignment_to_approval(support: User, executive: User) -> None:
    rca = RCAFactory(status="assigned")
    actor = Actor.web(support)
    rca_transition(actor=actor, rca=rca, status="in_progress")
    rca_update(actor=actor, rca=rca, data={"analysis": WHYS, "root_cause_summary": "No release gate"})
    rca_transition(actor=actor, rca=rca, status="completed")
    rca.refresh_from_db()
    assert rca.completed_at is not None
    assert_refused(lambda: rca_transition(actor=actor, rca=rca, status="approved"), "not_permitted")
    rca_transition(actor=Actor.web(executive), rca=rca, status="approved")
    rca.refresh_from_db()
    assert (rca.status, rca.approved_by) == ("approved", executive)
    assert_refused(lambda: rca_update(actor=actor, rca=rca, data={"root_cause_summary": "x"}), "rca_approved")


def test_rca_cannot_skip_steps(executive: User) -> None:
    rca = RCAFactory(status="in_progress")
    assert_refused(lambda: rca_transition(actor=Actor.web(executive), rca=rca, status="approved"), "invalid_transition")
    assert RootCauseAnalysis.objects.get(pk=rca.pk).approved_by is None


def test_review_of_a_closed_incident(manager: User) -> None:
    incident = IncidentFactory(status="closed")
    when = timezone.now() + dt.timedelta(days=2)
    review = review_create(actor=Actor.web(manager), incident=incident, scheduled_date=when, facilitator=manager.pk)
    review_update(actor=Actor.web(manager), review=review, data={"lessons_learned": "Alert on pool usage"})
    review_transition(actor=Actor.web(manager), review=review, status="completed")
    review.refresh_from_db()
    assert (review.status, review.lessons_learned) == ("completed", "Alert on pool usage")
    assert_refused(
        lambda: review_transition(actor=Actor.web(manager), review=review, status="cancelled"), "invalid_transition"
    )


def test_review_refusals(manager: User, support: User) -> None:
    resolved = IncidentFactory(status="resolved")
    closed = IncidentFactory(status="closed")
    when = timezone.now()
    inactive = UserFactory(status="inactive")
    assert_refused(
        lambda: review_create(actor=Actor.web(manager), incident=resolved, scheduled_date=when, facilitator=manager.pk),
        "incident_not_closed",
    )
    assert_refused(
        lambda: review_create(actor=Actor.web(manager), incident=closed, scheduled_date=when, facilitator=inactive.pk),
        "facilitator_inactive",
    )
    assert_refused(
        lambda: review_create(actor=Actor.web(support), incident=closed, scheduled_date=when, facilitator=manager.pk),
        "not_permitted",
    )


def test_report_lifecycle_and_markdown(manager: User, executive: User) -> None:
    incident = IncidentFactory(status="resolved", resolved_at=timezone.now(), title="Gateway down")
    report = report_create(actor=Actor.web(manager), incident=incident, report_type="client_impact")
    assert report.report_status == "draft"
    assert "Gateway down" in report.report_content
    report_update(
        actor=Actor.web(manager), report=report, data={"report_content": "Two clients lost checkout for 40 min."}
    )
    report_transition(actor=Actor.web(manager), report=report, status="completed")
    assert_refused(
        lambda: report_update(actor=Actor.web(manager), report=report, data={"report_title": "x"}), "report_not_draft"
    )
    account_manager = UserFactory(role="account_manager")
    assert_refused(
        lambda: report_transition(actor=Actor.web(account_manager), report=report, status="approved"), "not_permitted"
    )
    report_transition(actor=Actor.web(executive), report=report, status="approved")
    report_transition(actor=Actor.web(manager), report=report, status="archived")
    report.refresh_from_db()
    text = report_markdown(report)
    assert text.startswith(f"# {report.report_title}")
    assert "Two clients lost checkout" in text


def test_report_refusals(manager: User) -> None:
    incident = IncidentFactory(status="in_progress")
    assert_refused(
        lambda: report_create(actor=Actor.web(manager), incident=incident, report_type="compliance"),
        "incident_not_resolved",
    )
    done = IncidentFactory(status="closed")
    assert_refused(lambda: report_create(actor=Actor.web(manager), incident=done, report_type="gossip"), "invalid")
