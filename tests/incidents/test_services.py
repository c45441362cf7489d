"""SOP 2 (incidents), SOP 10 (CI links): each rule's accepted case and each refusal, with nothing changed."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from accounts.models import User
from bridges.models import Bridge
from core.actor import Actor
from core.models import AuditRecord
from incidents.models import Incident
from incidents.services import (
    incident_create,
    incident_link_ci,
    incident_transition,
    incident_unlink_ci,
    incident_update,
)
from reports.models import IncidentReport
from tests.accounts.factories import ClientContactFactory, UserFactory
from tests.cmdb.factories import AssignmentFactory, ConfigurationItemFactory
from tests.helpers import assert_refused
from tests.incidents.factories import IncidentFactory
from tests.problems.factories import ProblemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor(manager: User) -> Actor:
    return Actor.api(manager)


@pytest.fixture
def valid() -> Callable[..., dict[str, Any]]:
    """Valid creation input (with `None` dropping a field); the reporter exists before any refused call."""
    reporter = UserFactory()

    def make(**changes: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "title": "Checkout errors",
            "description": "Customers see 502 on checkout",
            "category": "software",
            "impact": "high",
            "urgency": "high",
            "severity": "P3",
            "reported_by": reporter.pk,
            "detection_time": timezone.now() - dt.timedelta(minutes=10),
        }
        data.update(changes)
        return {key: value for key, value in data.items() if value is not None}

    return make


def test_create_p3_numbers_audits_and_links_cis(actor: Actor, valid: Callable[..., dict[str, Any]]) -> None:
    cis = ConfigurationItemFactory.create_batch(2)
    incident = incident_create(actor=actor, configuration_items=[ci.pk for ci in cis], **valid())
    assert incident.incident_number.startswith("INC")
    assert (incident.status, incident.severity, incident.acknowledged_at) == ("open", "P3", None)
    assert set(incident.configuration_items.all()) == set(cis)
    assert not Bridge.objects.filter(incident=incident).exists()
    trail = AuditRecord.objects.filter(record_type="incident", record_id=incident.pk).order_by("id")
    created, *links = trail
    assert created.action == "create"
    assert {"incident_number", "title", "severity", "status", "reported_by_id"} <= set(created.changes)
    assert created.changes["title"] == [None, incident.title]
    assert [link.changes for link in links] == [{"configuration_items": [None, str(ci.pk)]} for ci in cis]


def test_create_p1_from_assessment_opens_major_bridge_in_the_same_transaction(
    actor: Actor, manager: User, valid: Callable[..., dict[str, Any]]
) -> None:
    incident = incident_create(
        actor=actor,
        assessment={"complete_outage": True, "no_workaround": True},
        **valid(severity=None, assigned_to=manager.pk),
    )
    assert incident.severity == "P1"
    assert incident.severity_assessment["decided_by"] == ["complete_outage with no_workaround"]
    bridge = Bridge.objects.get(incident=incident)
    assert (bridge.bridge_type, bridge.bridge_host, bridge.status) == ("major_incident", manager, "active")
    assert list(bridge.participants.values_list("user_id", "role_in_bridge")) == [(manager.pk, "host")]
    incident.refresh_from_db()
    assert incident.status == "in_progress"
    assert incident.acknowledged_at is not None


@pytest.mark.parametrize(
    "missing", ["title", "description", "category", "impact", "urgency", "reported_by", "detection_time"]
)
def test_create_refuses_missing_required_field(
    actor: Actor, missing: str, valid: Callable[..., dict[str, Any]]
) -> None:
    error = assert_refused(lambda: incident_create(actor=actor, **valid(**{missing: None})), "invalid")
    assert missing in error.fields


@pytest.mark.parametrize(("field", "value"), [("category", "weather"), ("impact", "huge"), ("severity", "P0")])
def test_create_refuses_bad_enum(actor: Actor, field: str, value: str, valid: Callable[..., dict[str, Any]]) -> None:
    assert_refused(lambda: incident_create(actor=actor, **valid(**{field: value})), "invalid")


def test_create_needs_severity_or_assessment(actor: Actor, valid: Callable[..., dict[str, Any]]) -> None:
    assert_refused(lambda: incident_create(actor=actor, **valid(severity=None)), "severity_required")


def test_create_refuses_severity_contradicting_assessment(actor: Actor, valid: Callable[..., dict[str, Any]]) -> None:
    assert_refused(
        lambda: incident_create(actor=actor, assessment={"single_department": True}, **valid(severity="P1")),
        "severity_conflicts_with_assessment",
    )


def test_create_refuses_bad_assessment(actor: Actor, valid: Callable[..., dict[str, Any]]) -> None:
    assert_refused(
        lambda: incident_create(actor=actor, assessment={"complete_outage": "maybe"}, **valid(severity=None)),
        "invalid_assessment",
    )


def test_create_refuses_inactive_or_unknown_reporter(actor: Actor, valid: Callable[..., dict[str, Any]]) -> None:
    inactive = UserFactory(status="inactive")
    assert_refused(lambda: incident_create(actor=actor, **valid(reported_by=inactive.pk)), "reporter_inactive")
    assert_refused(lambda: incident_create(actor=actor, **valid(reported_by=10**9)), "reporter_not_found")


def test_create_refuses_inactive_assignee(actor: Actor, valid: Callable[..., dict[str, Any]]) -> None:
    inactive = UserFactory(status="inactive")
    assert_refused(lambda: incident_create(actor=actor, **valid(assigned_to=inactive.pk)), "assignee_inactive")


def test_create_refuses_unknown_problem(actor: Actor, valid: Callable[..., dict[str, Any]]) -> None:
    assert_refused(lambda: incident_create(actor=actor, **valid(problem=424242)), "problem_not_found")


def test_create_p1_refuses_an_assignee_who_is_not_an_incident_manager(
    actor: Actor, valid: Callable[..., dict[str, Any]]
) -> None:
    assignee = UserFactory(role="technical_support").pk
    assert_refused(
        lambda: incident_create(actor=actor, **valid(severity="P1", assigned_to=assignee)), "incident_manager_required"
    )
    assert not Incident.objects.exists()


def test_create_refuses_unknown_and_repeated_cis(actor: Actor, valid: Callable[..., dict[str, Any]]) -> None:
    ci = ConfigurationItemFactory()
    assert_refused(lambda: incident_create(actor=actor, configuration_items=[ci.pk, 999999], **valid()), "ci_not_found")
    assert_refused(
        lambda: incident_create(actor=actor, configuration_items=[ci.pk, ci.pk], **valid()), "ci_already_linked"
    )


def test_create_refuses_detection_in_the_future(actor: Actor, valid: Callable[..., dict[str, Any]]) -> None:
    future = timezone.now() + dt.timedelta(hours=2)
    assert_refused(lambda: incident_create(actor=actor, **valid(detection_time=future)), "detection_in_future")


def test_create_refuses_roles_without_permission(executive: User, valid: Callable[..., dict[str, Any]]) -> None:
    assert_refused(lambda: incident_create(actor=Actor.web(executive), **valid()), "not_permitted")


def test_client_contact_reports_in_their_own_name(valid: Callable[..., dict[str, Any]]) -> None:
    contact = ClientContactFactory()
    actor = Actor.web(contact)
    answers = {"assessment": {"single_department": True}, "severity": None}
    assert_refused(lambda: incident_create(actor=actor, **valid(**answers)), "reporter_must_be_self")
    assert incident_create(actor=actor, **valid(reported_by=contact.pk, **answers)).reported_by == contact


def test_update_changes_fields_with_audit(actor: Actor) -> None:
    incident = IncidentFactory(title="Old")
    incident_update(actor=actor, incident=incident, data={"title": "New", "urgency": "critical"})
    row = AuditRecord.objects.get(record_type="incident", record_id=incident.pk, action="update")
    assert (row.changes, row.source) == ({"title": ["Old", "New"], "urgency": [incident.urgency, "critical"]}, "api")


def test_update_links_an_open_problem_and_refuses_closed_or_missing(actor: Actor) -> None:
    incident = IncidentFactory()
    closed = ProblemFactory(status="closed")
    assert_refused(
        lambda: incident_update(actor=actor, incident=incident, data={"problem": closed.pk}), "problem_closed"
    )
    assert_refused(
        lambda: incident_update(actor=actor, incident=incident, data={"problem": 999999}), "problem_not_found"
    )
    problem = ProblemFactory(status="investigating")
    incident_update(actor=actor, incident=incident, data={"problem": problem.pk})
    incident.refresh_from_db()
    assert incident.problem == problem


def test_update_refuses_inactive_assignee(actor: Actor) -> None:
    incident = IncidentFactory()
    inactive = UserFactory(status="inactive")
    assert_refused(
        lambda: incident_update(actor=actor, incident=incident, data={"assigned_to": inactive.pk}), "assignee_inactive"
    )


def test_update_keeps_an_incident_manager_on_p1(actor: Actor) -> None:
    incident = IncidentFactory(severity="P1", status="in_progress")
    support = UserFactory(role="technical_support")
    assert_refused(
        lambda: incident_update(actor=actor, incident=incident, data={"assigned_to": support.pk}),
        "incident_manager_required",
    )


def test_raising_severity_to_p2_opens_the_bridge(actor: Actor) -> None:
    incident = IncidentFactory(severity="P3", status="open")
    incident_update(actor=actor, incident=incident, data={"severity": "P2"})
    incident.refresh_from_db()
    assert incident.bridges.get().bridge_type == "major_incident"
    assert incident.status == "in_progress"


def test_update_refuses_closed_incident(actor: Actor) -> None:
    incident = IncidentFactory(status="closed")
    assert_refused(lambda: incident_update(actor=actor, incident=incident, data={"title": "x"}), "incident_closed")


def test_lifecycle_stamps_times_and_closing_drafts_the_report(actor: Actor) -> None:
    incident = IncidentFactory(status="open", severity="P4")
    incident_transition(actor=actor, incident=incident, status="in_progress")
    incident.refresh_from_db()
    acknowledged = incident.acknowledged_at
    assert acknowledged is not None
    incident_transition(actor=actor, incident=incident, status="monitoring")
    incident_transition(
        actor=actor, incident=incident, status="resolved", resolution_code="fixed", resolution_notes="Fixed"
    )
    incident.refresh_from_db()
    assert incident.resolved_at is not None
    incident_transition(actor=actor, incident=incident, status="closed")
    incident.refresh_from_db()
    assert (incident.status, incident.acknowledged_at) == ("closed", acknowledged)
    assert incident.closed_at is not None
    report = IncidentReport.objects.get(incident=incident)
    assert report.report_content == f"Incident {incident.incident_number} has been closed."
    assert (report.report_status, report.report_type) == ("draft", "post_incident_review")
    assert report.report_number.startswith("RPT")


def test_reopen_clears_the_resolution(actor: Actor) -> None:
    incident = IncidentFactory(status="resolved", resolved_at=timezone.now(), acknowledged_at=timezone.now())
    incident_transition(actor=actor, incident=incident, status="in_progress")
    incident.refresh_from_db()
    assert (incident.status, incident.resolved_at) == ("in_progress", None)


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("open", "monitoring"),
        ("open", "closed"),
        ("in_progress", "closed"),
        ("closed", "in_progress"),
        ("resolved", "open"),
    ],
)
def test_disallowed_moves_are_refused(actor: Actor, current: str, target: str) -> None:
    incident = IncidentFactory(status=current)
    assert_refused(lambda: incident_transition(actor=actor, incident=incident, status=target), "invalid_transition")


def test_unknown_status_and_missing_permission(actor: Actor, executive: User) -> None:
    incident = IncidentFactory()
    assert_refused(lambda: incident_transition(actor=actor, incident=incident, status="paused"), "invalid")
    assert_refused(
        lambda: incident_transition(actor=Actor.web(executive), incident=incident, status="in_progress"),
        "not_permitted",
    )


def test_link_and_unlink_ci(actor: Actor) -> None:
    incident = IncidentFactory()
    ci = AssignmentFactory().ci
    incident_link_ci(actor=actor, incident=incident, ci=ci.pk)
    assert_refused(lambda: incident_link_ci(actor=actor, incident=incident, ci=ci.pk), "ci_already_linked")
    assert_refused(lambda: incident_link_ci(actor=actor, incident=incident, ci=999999), "ci_not_found")
    incident_unlink_ci(actor=actor, incident=incident, ci=ci.pk)
    assert_refused(lambda: incident_unlink_ci(actor=actor, incident=incident, ci=ci.pk), "ci_link_not_found")
