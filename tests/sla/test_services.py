"""SLA agreements: at most one active per client, dates in order."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from accounts.models import User
from core.actor import Actor
from sla.models import SLAAgreement
from sla.services import sla_agreement_create, sla_agreement_update
from tests.accounts.factories import ClientFactory
from tests.helpers import assert_refused
from tests.sla.factories import SLAAgreementFactory

pytestmark = pytest.mark.django_db


def data(client_id: int, **changes: object) -> dict[str, object]:
    return {
        "client": client_id,
        "tier": "premium",
        "support_coverage": "24x7",
        "effective_date": dt.date(2025, 1, 1),
        **changes,
    }


def test_create_active_agreement(account_manager: User) -> None:
    client = ClientFactory()
    agreement = sla_agreement_create(actor=Actor.web(account_manager), **data(client.pk))
    assert (agreement.status, agreement.created_by) == ("active", account_manager)


def test_create_refuses_second_active_agreement(account_manager: User) -> None:
    existing = SLAAgreementFactory()
    assert_refused(
        lambda: sla_agreement_create(actor=Actor.web(account_manager), **data(existing.client_id)),
        "active_agreement_exists",
    )


def test_create_inactive_agreement_beside_an_active_one(account_manager: User) -> None:
    existing = SLAAgreementFactory()
    sla_agreement_create(actor=Actor.web(account_manager), **data(existing.client_id, status="expired"))
    assert SLAAgreement.objects.filter(client=existing.client).count() == 2


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"tier": "platinum"}, "invalid"),
        ({"support_coverage": "weekdays"}, "invalid"),
        ({"expiration_date": dt.date(2024, 1, 1)}, "expiration_before_effective"),
        ({"client": 999999}, "client_not_found"),
    ],
)
def test_create_refusals(account_manager: User, changes: dict[str, object], code: str) -> None:
    client = ClientFactory()
    assert_refused(
        lambda: sla_agreement_create(actor=Actor.web(account_manager), **{**data(client.pk), **changes}), code
    )


def test_create_refuses_without_permission(support: User) -> None:
    client = ClientFactory()
    assert_refused(lambda: sla_agreement_create(actor=Actor.web(support), **data(client.pk)), "not_permitted")


def test_activating_needs_the_other_agreement_retired(account_manager: User) -> None:
    active = SLAAgreementFactory()
    old = SLAAgreementFactory(client=active.client, status="inactive")
    actor = Actor.web(account_manager)
    assert_refused(
        lambda: sla_agreement_update(actor=actor, agreement=old, data={"status": "active"}), "active_agreement_exists"
    )
    sla_agreement_update(actor=actor, agreement=active, data={"status": "expired"})
    sla_agreement_update(actor=actor, agreement=old, data={"status": "active"})
    old.refresh_from_db()
    assert old.status == "active"


def test_update_refuses_expiry_before_effect(account_manager: User) -> None:
    agreement = SLAAgreementFactory()
    assert_refused(
        lambda: sla_agreement_update(
            actor=Actor.web(account_manager), agreement=agreement, data={"expiration_date": dt.date(2000, 1, 1)}
        ),
        "expiration_before_effective",
    )


def test_database_refuses_two_active_agreements() -> None:
    active = SLAAgreementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SLAAgreement.objects.create(
            client=active.client, tier="basic", support_coverage="24x7", effective_date=dt.date(2025, 2, 1)
        )


def test_business_calendar_moves_open_due_times(account_manager: User) -> None:
    from sla.models import IncidentSLA
    from sla.services import business_calendar_set
    from sla.services.clocks import sla_refresh
    from tests.cmdb.factories import AssignmentFactory
    from tests.incidents.factories import IncidentFactory

    client = ClientFactory(support_coverage="business_hours")
    SLAAgreementFactory(client=client, tier="premium", support_coverage="business_hours")
    monday_eight = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)
    incident = IncidentFactory(severity="P1", status="open", detection_time=monday_eight)
    incident.ci_links.create(ci=AssignmentFactory(client=client).ci)
    sla_refresh(incidents=[incident])
    assert IncidentSLA.objects.get(incident=incident).response_due_at == monday_eight.replace(hour=9, minute=15)
    business_calendar_set(
        actor=Actor.web(account_manager), client=client, working_days="0,1,2,3,4", opens=dt.time(7, 0),
        closes=dt.time(15, 0), timezone="UTC",
    )  # fmt: skip
    assert IncidentSLA.objects.get(incident=incident).response_due_at == monday_eight.replace(minute=15)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"working_days": "0,9"}, "working_days"),
        ({"closes": dt.time(8, 0)}, "closes"),
        ({"timezone": "Mars/Base"}, "timezone"),
    ],
)
def test_business_calendar_refusals(account_manager: User, changes: dict[str, object], field: str) -> None:
    from sla.services import business_calendar_set

    client = ClientFactory()
    data = {"working_days": "0,1,2,3,4", "opens": dt.time(9, 0), "closes": dt.time(17, 0), "timezone": "UTC", **changes}
    error = assert_refused(
        lambda: business_calendar_set(actor=Actor.web(account_manager), client=client, **data), "invalid"
    )
    assert field in error.fields
