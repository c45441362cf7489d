"""On-call metrics: time to acknowledge per policy and per person, pages per person per week, on the metrics page
(charts with their tables) and in the API."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from core.actor import Actor
from reports.trends import trend
from tests.accounts.factories import UserFactory
from tests.oncall.factories import PageFactory, PageNoticeFactory, PolicyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def paging() -> dict[str, Any]:
    """This week: Ana took two "Payments" pages after 4 and 10 min, Ben one "Search" page after 30 min; Ana was
    paged three times, Ben twice (one of his pages nobody took)."""
    ana = UserFactory(first_name="Ana", last_name="Lind")
    ben = UserFactory(first_name="Ben", last_name="Okoro")
    payments, search = PolicyFactory(name="Payments"), PolicyFactory(name="Search")
    now = timezone.now()
    for policy, person, minutes in ((payments, ana, 4), (payments, ana, 10), (search, ben, 30)):
        page = PageFactory(policy=policy, created_at=now - dt.timedelta(hours=1), status="acknowledged",
                           acknowledged_by=person, acknowledged_at=now - dt.timedelta(hours=1) + dt.timedelta(minutes=minutes))  # fmt: skip
        PageNoticeFactory(page=page, user=person, sent_at=page.created_at)
    PageNoticeFactory(page=PageFactory(policy=search), user=ben)
    PageNoticeFactory(page=PageFactory(policy=search), user=ana)
    return {"ana": ana, "ben": ben}


def test_time_to_acknowledge_per_policy_and_per_person(manager: User, paging: Any) -> None:
    by_policy = trend(actor=Actor.web(manager), metric="page_ack_policy", split="severity")
    assert {name: series[-1] for name, series in by_policy.series.items()} == {"Payments": 7.0, "Search": 30.0}
    by_person = trend(actor=Actor.web(manager), metric="page_ack_person")
    assert {name: series[-1] for name, series in by_person.series.items()} == {"Ana Lind": 7.0, "Ben Okoro": 30.0}


def test_pages_per_person_per_week(manager: User, paging: Any) -> None:
    load = trend(actor=Actor.web(manager), metric="page_load")
    assert {name: series[-1] for name, series in load.series.items()} == {"Ana Lind": 3, "Ben Okoro": 2}
    assert all(value is None for series in load.series.values() for value in series[:-1])


def test_the_metrics_page_draws_them_and_the_api_gives_them(client: Client, api_as: Any, manager: User,
                                                             paging: Any) -> None:  # fmt: skip
    client.force_login(manager)
    page = client.get("/metrics/").content.decode()
    assert "Time to acknowledge a page, per policy" in page
    assert "Pages per person" in page
    answer = api_as(manager).get("/api/v1/metrics/on-call/").json()
    assert answer["time_to_acknowledge_minutes"]["by_policy"]["Payments"][-1] == 7.0
    assert answer["pages_per_person"]["Ben Okoro"][-1] == 2
    assert len(answer["weeks"]) == 12


def test_client_contacts_get_no_paging_figures(api_as: Any, paging: Any) -> None:
    from tests.accounts.factories import ClientContactFactory

    assert api_as(ClientContactFactory()).get("/api/v1/metrics/on-call/").status_code == 403
