"""The main pages cost a fixed number of queries, within a budget: a change that adds queries to a page shows
here. Each page is read with a realistic record (a P1 with its bridge, notes, CIs and SLA clocks) and with more
rows than one, so that a query per row would show too."""

from typing import Any

import pytest
from django.test import Client

from accounts.models import User
from core.actor import Actor
from incidents.services.notes import work_note_add
from tests.accounts.factories import UserFactory
from tests.cmdb.factories import AssignmentFactory
from tests.incidents.factories import IncidentFactory, raise_incident
from tests.sla.factories import SLAAgreementFactory

pytestmark = pytest.mark.django_db

BUDGETS = {"incident_page": 3, "incident_list": 4, "my_work": 6, "home": 6}
"""Today's counts: lower them as the pages get leaner, never raise them unexplained."""


@pytest.fixture
def desk(manager: User) -> dict[str, Any]:
    assigned = AssignmentFactory()
    SLAAgreementFactory(client=assigned.client, tier="premium", support_coverage="24x7")
    major = raise_incident(Actor.web(manager), severity="P1", assigned_to=manager.pk,
                           configuration_items=[assigned.ci.pk])  # fmt: skip
    for text in ("Paged the database team.", "Failover started."):
        work_note_add(actor=Actor.web(manager), incident=major, text=text)
    for _ in range(12):
        IncidentFactory(assigned_to=manager)
    return {"major": major}


def queries(client: Client, path: str, count_queries: Any) -> int:
    assert client.get(path).status_code == 200
    return int(count_queries(lambda: client.get(path)))


def test_the_main_pages_stay_within_their_budgets(client: Client, manager: User, desk: Any, count_queries: Any) -> None:
    client.force_login(manager)
    counts = {
        "incident_page": queries(client, desk["major"].get_absolute_url(), count_queries),
        "incident_list": queries(client, "/incidents/", count_queries),
        "my_work": queries(client, "/my-work/", count_queries),
        "home": queries(client, "/", count_queries),
    }
    over = {page: (count, BUDGETS[page]) for page, count in counts.items() if count > BUDGETS[page]}
    assert not over, f"over budget (count, budget): {over}"


def test_another_incident_manager_reads_the_same_count(client: Client, desk: Any, count_queries: Any) -> None:
    other = UserFactory(role="incident_manager")
    client.force_login(other)
    assert queries(client, desk["major"].get_absolute_url(), count_queries) <= BUDGETS["incident_page"]
