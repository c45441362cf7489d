"""The response cycle: records, gates a reviewer (never the author) passes, closure refused with a gate open,
stakeholder updates through the communications path, action items, and the generated post-mortem."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from communications.models import Communication, OutboxMessage
from core.actor import Actor
from incidents.models import Incident, WorkNote
from incidents.services import incident_transition
from response.models import ActionItem, PhaseRecord
from response.services.actions import action_item_create, action_item_set_status, action_item_update
from response.services.communication import stakeholder_update_send
from response.services.phases import phase_gates_open, phase_review, phase_save, phase_submit
from response.services.postmortem import postmortem_generate, postmortem_remind_late
from tests.accounts.factories import ClientFactory, UserFactory
from tests.cmdb.factories import AssignmentFactory
from tests.helpers import assert_refused
from tests.incidents.factories import IncidentFactory
from tests.reports.factories import RCAFactory

pytestmark = pytest.mark.django_db

TRIAGE = {
    "users_impact": "All card payments fail",
    "hypothesis": "Bad deploy",
    "immediate_actions": "Rollback",
    "ongoing": True,
}
MITIGATION = {
    "strategy": "Roll back 2026.11.3",
    "steps": [{"step": "rollback", "result": "errors 0%"}],
    "metrics_before": "100% 5xx",
    "metrics_after": "0.1% 5xx",
}


def approve(incident: Incident, phase: str, content: dict[str, Any], author: Any, reviewer: Any) -> None:
    phase_save(actor=Actor.web(author), incident=incident, phase=phase, content=content)
    phase_submit(actor=Actor.web(author), incident=incident, phase=phase)
    phase_review(actor=Actor.web(reviewer), incident=incident, phase=phase, approve=True)


def test_gate_approved_by_someone_else_lands_in_the_timeline(support: Any, manager: Any) -> None:
    incident = IncidentFactory(severity="P1", status="in_progress")
    approve(incident, "triage", TRIAGE, support, manager)
    record = PhaseRecord.objects.get(incident=incident, phase="triage")
    assert (record.status, record.reviewer) == ("approved", manager)
    assert WorkNote.objects.get(incident=incident).note_text == f"Triage gate approved by {manager.full_name}."


def test_a_gate_cannot_be_passed_by_its_author(manager: Any) -> None:
    incident = IncidentFactory(severity="P1", status="in_progress")
    phase_save(actor=Actor.web(manager), incident=incident, phase="triage", content=TRIAGE)
    phase_submit(actor=Actor.web(manager), incident=incident, phase="triage")
    assert_refused(
        lambda: phase_review(actor=Actor.web(manager), incident=incident, phase="triage", approve=True),
        "cannot_review_own_record",
    )


def test_gate_refusals(support: Any, manager: Any) -> None:
    incident = IncidentFactory(severity="P1", status="in_progress")
    actor = Actor.web(support)
    assert_refused(
        lambda: phase_save(actor=actor, incident=incident, phase="triage", content={"hypothesis": "x"}),
        "invalid_record",
    )
    assert_refused(lambda: phase_submit(actor=actor, incident=incident, phase="triage"), "nothing_to_review")
    phase_save(actor=actor, incident=incident, phase="triage", content=TRIAGE)
    assert_refused(
        lambda: phase_review(actor=Actor.web(manager), incident=incident, phase="triage", approve=True),
        "gate_not_submitted",
    )
    phase_submit(actor=actor, incident=incident, phase="triage")
    assert_refused(
        lambda: phase_review(actor=Actor.web(manager), incident=incident, phase="triage", approve=False),
        "comment_required",
    )
    assert_refused(lambda: phase_review(actor=actor, incident=incident, phase="triage", approve=True), "not_permitted")


def test_sent_back_record_is_revised_and_resubmitted(support: Any, manager: Any) -> None:
    incident = IncidentFactory(severity="P2", status="in_progress")
    phase_save(actor=Actor.web(support), incident=incident, phase="mitigation", content=MITIGATION)
    phase_submit(actor=Actor.web(support), incident=incident, phase="mitigation")
    phase_review(
        actor=Actor.web(manager), incident=incident, phase="mitigation", approve=False, comment="Add residual risk"
    )
    assert "sent back" in WorkNote.objects.get(incident=incident).note_text
    phase_save(
        actor=Actor.web(support), incident=incident, phase="mitigation", content={**MITIGATION, "residual_risk": "low"}
    )
    assert PhaseRecord.objects.get(incident=incident, phase="mitigation").status == "draft"


@pytest.mark.parametrize(("severity", "gates"), [("P1", 4), ("P2", 4), ("P3", 1), ("P4", 0)])
def test_required_gates_by_severity(severity: str, gates: int) -> None:
    assert len(phase_gates_open(IncidentFactory(severity=severity))) == gates


def test_closing_with_an_open_gate_is_refused_naming_it(support: Any, manager: Any, executive: Any) -> None:
    incident = IncidentFactory(severity="P3", status="resolved", resolved_at=timezone.now())
    error = assert_refused(
        lambda: incident_transition(actor=Actor.web(manager), incident=incident, status="closed"), "gate_open"
    )
    assert "triage gate is not approved" in error.message
    approve(incident, "triage", TRIAGE, support, manager)
    incident_transition(actor=Actor.web(manager), incident=incident, status="closed")

    major = IncidentFactory(severity="P1", status="resolved", resolved_at=timezone.now())
    approve(major, "triage", TRIAGE, support, manager)
    approve(major, "mitigation", MITIGATION, support, manager)
    error = assert_refused(
        lambda: incident_transition(actor=Actor.web(manager), incident=major, status="closed"), "gate_open"
    )
    assert error.fields["gates"] == ["root cause", "post-mortem"]


def test_rca_gate_is_not_passed_by_its_analyst(support: Any) -> None:
    from reports.services import rca_transition

    rca = RCAFactory(status="completed", assigned_to=UserFactory(role="executive"))
    assert_refused(
        lambda: rca_transition(actor=Actor.web(rca.assigned_to), rca=rca, status="approved"), "cannot_review_own_record"
    )


def test_stakeholder_update_goes_through_the_communications_path(support: Any) -> None:
    client = ClientFactory(on_call_emails="ops@client.test")
    incident = IncidentFactory(severity="P1", status="in_progress")
    incident.ci_links.create(ci=AssignmentFactory(client=client).ci)
    assert_refused(lambda: stakeholder_update_send(actor=Actor.web(support), incident=incident), "nothing_to_send")
    phase_save(actor=Actor.web(support), incident=incident, phase="communication", content={
        "audience": "client", "what_happened": "Payments fail", "status": "Rolling back", "next_steps": "Verify",
    })  # fmt: skip
    communication = stakeholder_update_send(actor=Actor.web(support), incident=incident)
    assert (communication.communication_type, communication.recipient_type) == ("status_update", "client")
    assert OutboxMessage.objects.get(communication=communication).to == ["ops@client.test"]
    assert Communication.objects.filter(incident=incident).count() == 1
    assert PhaseRecord.objects.get(incident=incident, phase="communication").status == "sent"
    assert_refused(lambda: stakeholder_update_send(actor=Actor.web(support), incident=incident), "update_already_sent")
    assert Communication.objects.filter(incident=incident).count() == 1


@pytest.mark.parametrize(
    ("offset", "message"),
    [
        (dt.timedelta(hours=-1), "Must not be in the past."),
        (dt.timedelta(days=8), "Must be within seven days from now."),
        (None, "Give a date and time, e.g. 2026-12-02T14:30+00:00."),
    ],
)
def test_the_next_update_is_a_time_within_a_week(support: Any, offset: dt.timedelta | None, message: str) -> None:
    incident = IncidentFactory(severity="P2", status="in_progress")
    update = {"audience": "internal", "what_happened": "Slow search", "status": "Scaling", "next_steps": "Watch"}
    sent = phase_save(actor=Actor.web(support), incident=incident, phase="communication", content=update)
    when = "in half an hour" if offset is None else (timezone.now() + offset).isoformat()
    error = assert_refused(
        lambda: phase_save(actor=Actor.web(support), incident=incident, phase="communication",
                           content={**update, "next_update_at": when}),
        "invalid_record",
    )  # fmt: skip
    assert error.fields == {"next_update_at": [message]}
    assert PhaseRecord.objects.get(pk=sent.pk).content == update
    soon = (timezone.now() + dt.timedelta(minutes=30)).replace(microsecond=0)
    content = {**update, "next_update_at": soon.astimezone(dt.timezone(dt.timedelta(hours=2))).isoformat()}
    record = phase_save(actor=Actor.web(support), incident=incident, phase="communication", content=content)
    assert record.content["next_update_at"] == soon.astimezone(dt.UTC).isoformat()
    communication = stakeholder_update_send(actor=Actor.web(support), incident=incident)
    assert f"Next update: {soon:%a} {soon.day} {soon:%b %H:%M} UTC" in communication.message_content
    rewritten = phase_save(actor=Actor.web(support), incident=incident, phase="communication",
                           content={**content, "status": "Scaled out"})  # fmt: skip
    assert rewritten.status == "draft"


def test_action_items_and_completion_in_the_timeline(support: Any, manager: Any) -> None:
    incident = IncidentFactory(status="resolved")
    item = action_item_create(
        actor=Actor.web(manager), incident=incident, owner=support.pk, title="Add a release gate",
        due_date=timezone.localdate(), horizon="short_term", priority="high",
    )  # fmt: skip
    assert not item.overdue
    ActionItem.objects.filter(pk=item.pk).update(due_date=timezone.localdate() - dt.timedelta(days=1))  # a day later
    item.refresh_from_db()
    assert item.overdue
    action_item_set_status(actor=Actor.web(manager), item=item, status="done")
    item.refresh_from_db()
    assert not item.overdue
    assert item.completed_at is not None
    assert WorkNote.objects.get(incident=incident).note_text.startswith("Action item completed by")
    inactive = UserFactory(status="inactive")
    assert_refused(
        lambda: action_item_create(
            actor=Actor.web(manager), incident=incident, owner=inactive.pk, title="x", due_date=timezone.localdate()
        ),
        "owner_inactive",
    )
    assert_refused(
        lambda: action_item_set_status(actor=Actor.web(manager), item=item, status="cancelled"), "invalid_transition"
    )


@pytest.mark.parametrize(
    ("days", "message"), [(-1, "Must not be in the past."), (731, "Must be within two years from now.")]
)
def test_an_action_item_is_due_from_today_to_two_years_ahead(manager: Any, days: int, message: str) -> None:
    incident = IncidentFactory(status="resolved")
    create = {"actor": Actor.web(manager), "incident": incident, "owner": manager.pk, "title": "Gate releases"}
    error = assert_refused(
        lambda: action_item_create(**create, due_date=timezone.localdate() + dt.timedelta(days=days)),
        "invalid_due_date",
    )
    assert error.fields == {"due_date": [message]}
    assert not ActionItem.objects.exists()
    item = action_item_create(**create, due_date=timezone.localdate() + dt.timedelta(days=730))
    moved = timezone.localdate() + dt.timedelta(days=days)
    assert_refused(lambda: action_item_update(actor=Actor.web(manager), item=item, data={"due_date": moved}),
                   "invalid_due_date")  # fmt: skip
    item.refresh_from_db()
    assert item.due_date == timezone.localdate() + dt.timedelta(days=730)


def test_generated_post_mortem_and_late_reminder(support: Any, manager: Any) -> None:
    incident = IncidentFactory(severity="P1", status="resolved", title="Checkout outage", assigned_to=manager,
                               resolved_at=timezone.now() - dt.timedelta(hours=80))  # fmt: skip
    phase_save(actor=Actor.web(support), incident=incident, phase="triage", content=TRIAGE)
    phase_save(actor=Actor.web(support), incident=incident, phase="mitigation", content=MITIGATION)
    ActionItem.objects.create(
        incident=incident, title="Add a release gate", owner=support, due_date=timezone.localdate()
    )
    record = postmortem_generate(actor=Actor.web(support), incident=incident)
    markdown = record.content["markdown"]
    for expected in ("# Incident Report: Checkout outage", "**Severity**: P1", "All card payments fail", "Roll back 2026.11.3",
                     "| Add a release gate |", "## Timeline", "## Lessons Learned"):  # fmt: skip
        assert expected in markdown
    assert support.full_name not in markdown.split("## Timeline")[1].split("## Root Cause")[0]
    assert postmortem_remind_late() == 1
    assert postmortem_remind_late() == 0


def test_cycle_pages_are_internal(client: Any) -> None:
    from tests.accounts.factories import ClientContactFactory

    contact = ClientContactFactory()
    incident = IncidentFactory(reported_by=contact)
    client.force_login(contact)
    assert client.get(f"/incidents/{incident.pk}/").status_code == 200
    assert client.get(f"/incidents/{incident.pk}/cycle/triage/").status_code == 403
    assert client.get(f"/incidents/{incident.pk}/cycle/post_mortem/markdown/").status_code == 403
    assert client.get("/action-items/").status_code == 403
    assert client.get("/metrics/").status_code == 403


def test_action_items_from_an_rca_page_and_the_rca_narrative(client: Any, manager: Any) -> None:
    from reports.services import rca_update

    rca = RCAFactory(status="in_progress", analysis_method="timeline")
    rca_update(
        actor=Actor.web(manager),
        rca=rca,
        data={"analysis": {"trigger": "Deploy 2.3", "systemic_factors": "No load gate"}},
    )
    rca.refresh_from_db()
    assert rca.analysis == {"trigger": "Deploy 2.3", "systemic_factors": "No load gate"}
    client.force_login(manager)
    page = client.get(f"/rcas/{rca.pk}/").content.decode()
    assert "Add an action item" in page
    response = client.post(
        f"/incidents/{rca.incident_id}/action-items/",
        {"title": "Load-test gate", "owner": manager.pk, "due_date": timezone.localdate() + dt.timedelta(days=300),
         "priority": "high", "horizon": "long_term",
         "source": "rca", "back": f"/rcas/{rca.pk}/"},
    )  # fmt: skip
    assert response["Location"] == f"/rcas/{rca.pk}/"
    item = ActionItem.objects.get(incident=rca.incident)
    assert (item.source, item.priority, item.owner) == ("rca", "high", manager)


def test_action_items_api(api_as: Any, manager: Any, support: Any) -> None:
    incident = IncidentFactory(status="resolved")
    api = api_as(manager)
    body = {"incident": incident.pk, "owner": support.pk, "title": "Alert on pool use", "priority": "high"}
    refused = api.post("/api/v1/action-items/", {**body, "due_date": "2020-01-01"}, format="json")
    assert (refused.status_code, refused.json()["code"]) == (400, "invalid_due_date")
    assert not ActionItem.objects.exists()
    response = api.post("/api/v1/action-items/", {**body, "due_date": str(timezone.localdate())}, format="json")
    assert response.status_code == 201, response.json()
    item_id = response.json()["id"]
    assert response.json()["overdue"] is False
    ActionItem.objects.filter(pk=item_id).update(due_date=timezone.localdate() - dt.timedelta(days=1))  # time passes
    assert [row["id"] for row in api.get("/api/v1/action-items/", {"overdue": "true"}).json()["results"]] == [item_id]
    later = str(timezone.localdate() + dt.timedelta(days=60))
    assert api.patch(f"/api/v1/action-items/{item_id}/", {"due_date": later}, format="json").json()["overdue"] is False
    done = api.post(f"/api/v1/action-items/{item_id}/status/", {"status": "done"}, format="json").json()
    assert (done["status"], done["completed_at"] is not None) == ("done", True)
    again = api.post(f"/api/v1/action-items/{item_id}/status/", {"status": "cancelled"}, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "invalid_transition")
