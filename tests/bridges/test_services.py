"""SOPs 4.1, 4.2 and 5: opening bridges, adding participants, closing bridges."""

import pytest

from accounts.models import User
from bridges.models import Bridge
from bridges.services import bridge_add_participants, bridge_close, bridge_open
from core.actor import Actor
from incidents.models import WorkNote
from tests.accounts.factories import UserFactory
from tests.bridges.factories import BridgeFactory, ParticipantFactory
from tests.helpers import assert_refused, assert_unchanged
from tests.incidents.factories import IncidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor(manager: User) -> Actor:
    return Actor.web(manager)


def test_open_coordination_bridge_moves_open_incident_to_in_progress(actor: Actor) -> None:
    incident = IncidentFactory(severity="P3", status="open")
    bridge = bridge_open(actor=actor, incident=incident, bridge_type="coordination")
    assert (bridge.bridge_type, bridge.bridge_host, bridge.status) == ("coordination", incident.assigned_to, "active")
    assert bridge.bridge_number.startswith("BRG")
    incident.refresh_from_db()
    assert incident.status == "in_progress"


def test_p1_bridge_is_major_whatever_was_asked_for(actor: Actor) -> None:
    incident = IncidentFactory(severity="P1", status="in_progress")
    assert bridge_open(actor=actor, incident=incident).bridge_type == "major_incident"


@pytest.mark.parametrize(
    ("severity", "bridge_type", "code"),
    [
        ("P3", None, "bridge_type_required"),
        ("P4", "major_incident", "bridge_type_mismatch"),
        ("P2", "technical", "bridge_type_mismatch"),
    ],
)
def test_bridge_type_rules(actor: Actor, severity: str, bridge_type: str | None, code: str) -> None:
    incident = IncidentFactory(severity=severity, status="in_progress")
    assert_refused(lambda: bridge_open(actor=actor, incident=incident, bridge_type=bridge_type), code)


@pytest.mark.parametrize("status", ["monitoring", "resolved", "closed"])
def test_bridge_refused_unless_open_or_in_progress(actor: Actor, status: str) -> None:
    incident = IncidentFactory(severity="P3", status=status)
    assert_refused(
        lambda: bridge_open(actor=actor, incident=incident, bridge_type="technical"), "incident_not_bridgeable"
    )


@pytest.mark.parametrize("assignee", ["none", "support", "inactive_manager"])
def test_bridge_needs_an_assigned_active_incident_manager(actor: Actor, assignee: str) -> None:
    user = {
        "none": None,
        "support": UserFactory(role="technical_support"),
        "inactive_manager": UserFactory(role="incident_manager", status="inactive"),
    }[assignee]
    incident = IncidentFactory(severity="P3", assigned_to=user)
    assert_refused(
        lambda: bridge_open(actor=actor, incident=incident, bridge_type="technical"), "incident_manager_required"
    )


def test_one_active_bridge_per_incident(actor: Actor) -> None:
    bridge = BridgeFactory(incident__severity="P3", bridge_type="technical")
    assert_refused(
        lambda: bridge_open(actor=actor, incident=bridge.incident, bridge_type="technical"), "bridge_already_active"
    )


def test_opening_bridges_needs_permission(support: User) -> None:
    incident = IncidentFactory(severity="P3")
    assert_refused(
        lambda: bridge_open(actor=Actor.web(support), incident=incident, bridge_type="technical"), "not_permitted"
    )


def test_add_participants_and_note_the_incident(actor: Actor) -> None:
    bridge = BridgeFactory()
    engineer, account = UserFactory(), UserFactory(role="account_manager")
    rows = bridge_add_participants(
        actor=actor, bridge=bridge, participants=[(engineer.pk, "technical_support"), (account, "account_manager")]
    )
    assert [(row.user_id, row.role_in_bridge) for row in rows] == [
        (engineer.pk, "technical_support"),
        (account.pk, "account_manager"),
    ]
    note = WorkNote.objects.get(incident=bridge.incident)
    expected = (
        f"Bridge participant(s) added to bridge {bridge.bridge_number} for incident {bridge.incident.incident_number}"
    )
    assert note.note_text == expected


def test_participants_need_an_active_bridge(actor: Actor) -> None:
    bridge = BridgeFactory(status="closed")
    user = UserFactory()
    assert_refused(
        lambda: bridge_add_participants(actor=actor, bridge=bridge, participants=[(user.pk, "executive")]),
        "bridge_not_active",
    )


def test_participants_must_be_active_and_known(actor: Actor) -> None:
    bridge = BridgeFactory()
    inactive = UserFactory(status="inactive")
    assert_refused(
        lambda: bridge_add_participants(actor=actor, bridge=bridge, participants=[(inactive.pk, "executive")]),
        "participant_inactive",
    )
    assert_refused(
        lambda: bridge_add_participants(actor=actor, bridge=bridge, participants=[(10**9, "executive")]),
        "participant_not_found",
    )


def test_participant_role_must_be_known(actor: Actor) -> None:
    bridge = BridgeFactory()
    user = UserFactory()
    assert_refused(
        lambda: bridge_add_participants(actor=actor, bridge=bridge, participants=[(user.pk, "spectator")]), "invalid"
    )


def test_no_duplicate_participants(actor: Actor) -> None:
    existing = ParticipantFactory()
    newcomer = UserFactory()
    assert_refused(
        lambda: bridge_add_participants(
            actor=actor, bridge=existing.bridge, participants=[(existing.user_id, "executive")]
        ),
        "participant_exists",
    )
    assert_refused(
        lambda: bridge_add_participants(
            actor=actor, bridge=existing.bridge, participants=[(newcomer.pk, "executive"), (newcomer.pk, "host")]
        ),
        "participant_exists",
    )


@pytest.mark.parametrize("status", ["resolved", "monitoring"])
def test_close_bridge_once_the_incident_is_resolved_or_monitoring(actor: Actor, manager: User, status: str) -> None:
    bridge = BridgeFactory(incident__status=status)
    participant = ParticipantFactory(bridge=bridge)
    result = bridge_close(actor=actor, bridge=bridge)
    assert result.closed
    bridge.refresh_from_db()
    assert bridge.status == "closed"
    assert bridge.end_time is not None
    participant.refresh_from_db()
    assert participant.left_at == bridge.end_time
    note = WorkNote.objects.get(incident=bridge.incident)
    assert note.note_text == (
        f"Bridge closed for the incident {bridge.incident.incident_number} by {manager.first_name} {manager.last_name} "
        "after all activities completed."
    )


def test_closing_a_closed_bridge_only_records_a_note(actor: Actor) -> None:
    bridge = BridgeFactory(status="closed", incident__status="resolved")
    result = bridge_close(actor=actor, bridge=bridge)
    assert not result.closed
    assert WorkNote.objects.get(incident=bridge.incident).note_text == "Bridge already closed."
    assert Bridge.objects.get(pk=bridge.pk).end_time is None


@pytest.mark.parametrize("status", ["open", "in_progress"])
def test_close_refused_while_the_incident_is_being_worked(actor: Actor, status: str) -> None:
    bridge = BridgeFactory(incident__status=status)
    assert_refused(lambda: bridge_close(actor=actor, bridge=bridge), "incident_not_resolved")


def test_close_refused_when_the_host_is_inactive(actor: Actor) -> None:
    bridge = BridgeFactory(incident__status="resolved", bridge_host=UserFactory(status="inactive"))
    assert_refused(lambda: bridge_close(actor=actor, bridge=bridge), "host_inactive")


def test_closing_needs_permission(support: User) -> None:
    bridge = BridgeFactory(incident__status="resolved")
    with assert_unchanged():
        assert_refused(lambda: bridge_close(actor=Actor.web(support), bridge=bridge), "not_permitted")
