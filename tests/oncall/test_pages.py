"""Pages: paged step by step with a frozen clock, acknowledged (in the app or by the emailed link: valid, expired,
reused, tampered), and what pages on-call: SLA alerts, major incidents, a major incident nobody holds."""

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from accounts.models import User
from communications.models import OutboxMessage
from core.actor import Actor
from oncall.models import EscalationPolicy, Page, PageNotice
from oncall.services import page_acknowledge, page_trigger, pages_escalate_due, policy_create
from tests.accounts.factories import UserFactory
from tests.helpers import assert_refused
from tests.oncall.factories import LayerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_steps(manager: User) -> tuple[EscalationPolicy, User, User]:
    """Step 1: whoever is on call in a one-person schedule, 10 min; step 2: a named engineer, 20 min; twice."""
    first = UserFactory(role="technical_support", email="first@tracer.test")
    second = UserFactory(role="technical_support", email="second@tracer.test")
    schedule = LayerFactory(users=[first.pk], rotation="daily").schedule
    policy = policy_create(actor=Actor.web(manager), data={
        "name": "Payments", "repeats": 1,
        "steps": [{"wait_minutes": 10, "targets": [{"kind": "schedule", "schedule": schedule.pk}]},
                  {"wait_minutes": 20, "targets": [{"kind": "user", "user": second.pk}]}],
    })  # fmt: skip
    return policy, first, second


def paged(page: Page) -> list[tuple[str, int, int]]:
    return [(n.user.email, n.step, n.round) for n in PageNotice.objects.filter(page=page).order_by("id")]


def emails(page: Page) -> list[tuple[str, ...]]:
    return [tuple(m.to) for m in OutboxMessage.objects.filter(key__startswith=f"page:{page.pk}:").order_by("id")]


def test_a_page_climbs_the_steps_then_the_rounds_then_stops(two_steps: Any) -> None:
    policy = two_steps[0]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        page = page_trigger(actor=Actor.system(), policy=policy, source="alert", summary="Disk full", key="k1")
        assert page is not None
        assert paged(page) == [("first@tracer.test", 0, 0)]
        clock.shift(dt.timedelta(minutes=9, seconds=59))
        assert pages_escalate_due() == 0
        clock.shift(dt.timedelta(seconds=1))
        assert pages_escalate_due() == 1
        assert pages_escalate_due() == 0  # a second tick at the same moment does nothing more
        clock.shift(dt.timedelta(minutes=20))
        assert pages_escalate_due() == 1  # round 2, step 1
        clock.shift(dt.timedelta(minutes=10))
        pages_escalate_due()
        clock.shift(dt.timedelta(minutes=20))
        pages_escalate_due()  # every round has run
    page.refresh_from_db()
    assert paged(page) == [("first@tracer.test", 0, 0), ("second@tracer.test", 1, 0), ("first@tracer.test", 0, 1),
                           ("second@tracer.test", 1, 1)]  # fmt: skip
    assert (page.status, page.next_step_at) == ("exhausted", None)
    assert len(emails(page)) == 4
    assert "/on-call/ack/" in OutboxMessage.objects.filter(key__startswith=f"page:{page.pk}:").first().body_text


def test_the_same_trigger_twice_is_one_page(two_steps: Any) -> None:
    policy = two_steps[0]
    assert page_trigger(actor=Actor.system(), policy=policy, source="alert", summary="x", key="same") is not None
    assert page_trigger(actor=Actor.system(), policy=policy, source="alert", summary="x", key="same") is None
    assert Page.objects.count() == 1


def test_an_acknowledged_page_stops_escalating(two_steps: Any) -> None:
    policy, first, _second = two_steps
    with time_machine.travel(timezone.now(), tick=False) as clock:
        page = page_trigger(actor=Actor.system(), policy=policy, source="alert", summary="Disk full", key="k2")
        page_acknowledge(actor=Actor.web(first), page=page)
        clock.shift(dt.timedelta(hours=2))
        assert pages_escalate_due() == 0
    page.refresh_from_db()
    assert (page.status, page.acknowledged_by, page.next_step_at) == ("acknowledged", first, None)
    assert paged(page) == [("first@tracer.test", 0, 0)]


def test_only_someone_paged_acknowledges_and_only_once(two_steps: Any, support: User) -> None:
    policy, first, second = two_steps
    page = page_trigger(actor=Actor.system(), policy=policy, source="alert", summary="Disk full", key="k3")
    assert_refused(lambda: page_acknowledge(actor=Actor.web(second), page=page), "not_paged")
    assert Page.objects.get(pk=page.pk).status == "triggered"
    page_acknowledge(actor=Actor.web(first), page=page)
    assert_refused(lambda: page_acknowledge(actor=Actor.web(first), page=page), "page_not_open")
    assert Page.objects.get(pk=page.pk).acknowledged_by == first


def _link(page: Page, person: User) -> str:
    message = OutboxMessage.objects.get(key=f"page:{page.pk}:{page.round}:{page.step}:{person.pk}")
    found = re.search(r"/on-call/ack/[^/\s]+/", message.body_text)
    assert found
    return found.group(0)


def test_the_emailed_link_acknowledges_without_signing_in(two_steps: Any) -> None:
    policy, first, _ = two_steps
    page = page_trigger(actor=Actor.system(), policy=policy, source="alert", summary="Disk full", key="k4")
    link, browser = _link(page, first), Client()
    shown = browser.get(link)
    assert shown.status_code == 200
    assert f"Acknowledge as {first.full_name}" in shown.content.decode()
    assert Page.objects.get(pk=page.pk).status == "triggered"  # opening the link changes nothing
    done = browser.post(link)
    assert "Acknowledged" in done.content.decode()
    assert Page.objects.get(pk=page.pk).acknowledged_by == first
    again = browser.post(link)
    assert again.status_code == 409
    assert f"already acknowledged by {first.full_name}" in again.content.decode()


def test_an_expired_or_tampered_link_acknowledges_nothing(two_steps: Any, settings: Any) -> None:
    policy, first, _ = two_steps
    page = page_trigger(actor=Actor.system(), policy=policy, source="alert", summary="Disk full", key="k5")
    link = _link(page, first)
    tampered = link.replace("/ack/", "/ack/x")
    answer = Client().post(tampered)
    assert (answer.status_code, "not valid" in answer.content.decode()) == (400, True)
    with time_machine.travel(timezone.now() + dt.timedelta(hours=settings.TRACER_PAGE_ACK_HOURS, minutes=1)):
        late = Client().post(link)
    assert late.status_code == 400
    assert "expired" in late.content.decode()
    assert Page.objects.get(pk=page.pk).status == "triggered"


def test_the_api_lists_and_acknowledges_pages(api_as: Any, two_steps: Any, support: User) -> None:
    policy, first, _ = two_steps
    page = page_trigger(actor=Actor.system(), policy=policy, source="alert", summary="Disk full", key="k6")
    listed = api_as(first).get("/api/v1/on-call-pages/", {"status": "triggered"}).json()["results"]
    assert [(row["id"], row["paged"]) for row in listed] == [(page.pk, [first.pk])]
    refused = api_as(support).post(f"/api/v1/on-call-pages/{page.pk}/acknowledge/")
    assert (refused.status_code, refused.json()["code"]) == (403, "not_paged")
    taken = api_as(first).post(f"/api/v1/on-call-pages/{page.pk}/acknowledge/")
    assert (taken.status_code, taken.json()["status"], taken.json()["acknowledged_by"]) == (
        200,
        "acknowledged",
        first.pk,
    )


def test_a_policy_is_refused_whole_and_a_client_follows_one_policy(manager: User) -> None:
    from tests.accounts.factories import ClientFactory

    client = ClientFactory()
    good = {
        "name": "A",
        "clients": [client.pk],
        "steps": [{"wait_minutes": 5, "targets": [{"kind": "incident_managers"}]}],
    }
    policy_create(actor=Actor.web(manager), data=good)
    assert_refused(lambda: policy_create(actor=Actor.web(manager), data={**good, "name": "B"}), "client_has_policy")
    wrongs: list[dict[str, Any]] = [
        {"steps": []}, {"steps": [{"wait_minutes": 0, "targets": [{"kind": "user"}]}]}, {"repeats": 99},
    ]  # fmt: skip
    for wrong in wrongs:
        data = {**good, "name": "C", **wrong}
        assert_refused(lambda data=data: policy_create(actor=Actor.web(manager), data=data), "invalid_policy")
    assert list(EscalationPolicy.objects.values_list("name", flat=True)) == ["A"]


def test_a_policy_is_changed_whole_or_not_at_all(api_as: Any, manager: User, two_steps: Any) -> None:
    policy, _first, second = two_steps
    api = api_as(manager)
    url = f"/api/v1/escalation-policies/{policy.pk}/"
    one_step = [{"wait_minutes": 3, "targets": [{"kind": "user", "user": second.pk}]}]
    changed = api.patch(url, {"repeats": 0, "steps": one_step}, format="json")
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["repeats"], changed.json()["steps"]) == (
        0, [{"wait_minutes": 3, "targets": [{"kind": "user", "schedule": None, "user": second.pk}]}],
    )  # fmt: skip
    wrong = api.patch(url, {"repeats": 2, "steps": []}, format="json")
    assert (wrong.status_code, wrong.json()["code"]) == (400, "invalid_policy")
    assert api.get(url).json()["repeats"] == 0
