"""The incident page's pickers are read with the rest of the page, in its one statement, and offer what their
forms' querysets offer: every active staff member for a bridge, all of them but the viewer to escalate to, the
configuration items by name; a submission is still judged by the querysets."""

import re
from typing import Any

import pytest
from django.test import Client

from accounts.models import User
from bridges.forms import ParticipantForm
from core.actor import Actor
from incidents.forms import CILinkForm, EscalationForm
from tests.accounts.factories import UserFactory
from tests.bridges.factories import BridgeFactory
from tests.cmdb.factories import AssignmentFactory
from tests.incidents.factories import IncidentFactory

pytestmark = pytest.mark.django_db


def _options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select, f"no picker {name}"
    return re.findall(r'<option value="(\d+)"', select.group(1))


def _queryset_options(queryset: Any) -> list[str]:
    return [str(record.pk) for record in queryset]


@pytest.fixture
def page(client: Client, manager: User) -> tuple[str, User]:
    UserFactory(role="technical_support", first_name="Priya")
    UserFactory(role="executive", last_name="Aalto")
    UserFactory(role="technical_support", status="inactive")
    for name in ("payments-api", "auth-db", "zeta-cache"):
        AssignmentFactory(ci__ci_name=name)
    incident = IncidentFactory(status="in_progress", severity="P1")
    BridgeFactory(incident=incident, status="active")
    client.force_login(manager)
    return client.get(incident.get_absolute_url()).content.decode(), manager


def test_each_picker_offers_what_its_queryset_offers(page: tuple[str, User]) -> None:
    html, manager = page
    actor = Actor.web(manager)
    staff = _queryset_options(ParticipantForm().fields["user"].queryset)
    assert _options(html, "user") == staff
    assert str(manager.pk) in staff
    others = _queryset_options(EscalationForm(actor=actor).fields["escalated_to"].queryset)
    assert _options(html, "escalated_to") == others == [pk for pk in staff if pk != str(manager.pk)]
    cis = _queryset_options(CILinkForm(actor=actor).fields["ci"].queryset)
    assert _options(html, "ci") == cis
    assert len(cis) == 3


def test_a_submission_is_judged_by_the_queryset_not_by_what_was_offered(client: Client, manager: User) -> None:
    incident = IncidentFactory(status="in_progress")
    client.force_login(manager)
    answer = client.post(
        f"/incidents/{incident.pk}/escalations/",
        {"escalated_to": manager.pk, "escalation_reason": "Myself"},
        follow=True,
    )
    assert incident.escalations.count() == 0
    assert "Select a valid choice" in answer.content.decode()
