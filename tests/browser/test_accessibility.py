"""The main pages pass axe-core (run from the copy installed with the test tools, never a CDN) with no serious or
critical finding, and none of them scrolls sideways on a 390 px wide phone."""

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Browser

from core.actor import Actor
from incidents.models import Incident
from incidents.services import incident_create
from tests.accounts.factories import UserFactory
from tests.browser.conftest import new_page
from tests.integrations.factories import AlertFactory, WebhookFactory
from tests.oncall.factories import LayerFactory, OverrideFactory, PageFactory, PageNoticeFactory
from tests.reports.factories import RCAFactory
from tests.response.factories import ActionItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = {"serious", "critical"}


def main_pages() -> tuple[Any, list[str]]:
    """An incident manager with a live P1 (bridge, status, cycle), an RCA and an action item to show."""
    manager = UserFactory(role="incident_manager", first_name="Ada", last_name="Okafor")
    incident: Incident = incident_create(
        actor=Actor.web(manager),
        title="Checkout down",
        description="Payments fail.",
        category="software",
        impact="high",
        urgency="high",
        severity="P1",
        reported_by=manager.pk,
        detection_time=timezone.now(),
        assigned_to=manager.pk,
    )
    rca = RCAFactory(incident=incident, assigned_to=manager, status="in_progress")
    ActionItemFactory(incident=incident, owner=manager)
    schedule = LayerFactory(users=[manager.pk], name="Weekdays").schedule
    OverrideFactory(schedule=schedule, user=manager)
    PageNoticeFactory(page=PageFactory(incident=incident, summary="Checkout SLA breached"), user=manager)
    WebhookFactory(created_by=manager, url="https://hooks.example/tracer/with/a/long/path/for/phones")
    alert = AlertFactory(incident=incident, title="Checkout 5xx above 20 %", source_url="https://grafana.example/d/x")
    pages = [
        "/", "/my-work/", "/incidents/", "/incidents/new/", incident.get_absolute_url(),
        f"/incidents/{incident.pk}/cycle/triage/", f"/incidents/{incident.pk}/cycle/post_mortem/",
        "/problems/", "/changes/", "/approvals/", "/action-items/", rca.get_absolute_url(), "/metrics/",
        "/search/?q=checkout", "/status/", "/on-call/", schedule.get_absolute_url(), "/on-call/pages/",
        "/integrations/", alert.integration.get_absolute_url(), "/integrations/alerts/", "/integrations/webhooks/",
    ]  # fmt: skip
    return manager, pages


def test_the_main_pages_have_no_serious_accessibility_finding(chromium: Browser, live_server: Any) -> None:
    manager, pages = main_pages()
    page, axe = new_page(chromium, live_server, manager), Axe()
    findings: list[str] = []
    for path in pages:
        page.goto(path)
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in SERIOUS:
                targets = [node["target"] for node in violation["nodes"]][:3]
                findings.append(f"{path}: {violation['id']} ({violation['impact']}) {violation['help']} {targets}")
    assert findings == [], "\n".join(findings)


def test_no_main_page_scrolls_sideways_on_a_phone(chromium: Browser, live_server: Any) -> None:
    manager, pages = main_pages()
    page = new_page(chromium, live_server, manager, width=390)
    wide: list[str] = []
    for path in pages:
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            culprits = page.evaluate(
                """() => [...document.querySelectorAll("body *")]
                    .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                    .slice(0, 3).map((e) => e.tagName + "." + e.className)"""
            )
            wide.append(f"{path}: {overflow} px too wide, e.g. {culprits}")
    assert wide == []
