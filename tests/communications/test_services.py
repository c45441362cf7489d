"""SOP 11: communications."""

import pytest

from accounts.models import User
from communications.services import communication_create
from core.actor import Actor
from tests.accounts.factories import UserFactory
from tests.helpers import assert_refused
from tests.incidents.factories import IncidentFactory
from tests.problems.factories import ProblemFactory

pytestmark = pytest.mark.django_db

MESSAGE = {
    "communication_type": "status_update",
    "recipient_type": "client",
    "delivery_method": "email",
    "message_content": "We are investigating.",
}


def test_communication_on_an_incident(support: User) -> None:
    recipient = UserFactory()
    communication = communication_create(
        actor=Actor.web(support), incident=IncidentFactory(), recipient=recipient.pk, **MESSAGE
    )
    assert (communication.delivery_status, communication.sender, communication.recipient) == (
        "pending",
        support,
        recipient,
    )


def test_communication_needs_exactly_one_subject(support: User) -> None:
    actor = Actor.web(support)
    assert_refused(lambda: communication_create(actor=actor, **MESSAGE), "communication_subject_required")
    incident, problem = IncidentFactory(), ProblemFactory()
    assert_refused(
        lambda: communication_create(actor=actor, incident=incident, problem=problem, **MESSAGE),
        "communication_subject_required",
    )


def test_recipient_must_be_active_and_enums_valid(support: User) -> None:
    actor, incident = Actor.web(support), IncidentFactory()
    inactive = UserFactory(status="inactive")
    assert_refused(
        lambda: communication_create(actor=actor, incident=incident, recipient=inactive.pk, **MESSAGE),
        "recipient_inactive",
    )
    assert_refused(
        lambda: communication_create(actor=actor, incident=incident, **{**MESSAGE, "delivery_method": "pigeon"}),
        "invalid",
    )


def test_communication_needs_permission(executive: User) -> None:
    incident = IncidentFactory()
    assert_refused(
        lambda: communication_create(actor=Actor.web(executive), incident=incident, **MESSAGE), "not_permitted"
    )
