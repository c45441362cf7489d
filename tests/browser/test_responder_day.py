"""A responder's day in real Chromium: an engineer raises a P1 nobody holds, an incident manager takes command,
the status page and the bridge follow the incident to its close; the severity questions refuse contradictions; a
double-clicked submit creates one record. The pages it walks are photographed at desktop and phone width into
docs/screenshots/."""

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect

from incidents.models import Incident
from incidents.severity import severity_assess
from tests.accounts.factories import UserFactory
from tests.browser.conftest import new_page, resolve, sign_in
from tests.reports.factories import RCAFactory
from tests.response.factories import PhaseRecordFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
WIDTHS = {"desktop": 1280, "phone": 390}


def photograph(page: Page, name: str) -> None:
    """The page at both widths, whole length, into docs/screenshots/NAME-WIDTH.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS.values():
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})
    page.reload()


def held_by(page: Page) -> Any:
    return page.get_by_label("At a glance").locator("div", has_text="Held by")


def approve_every_gate(incident: Incident) -> None:
    """The cycle's gates, approved as reviewers would (the cycle itself is walked in test_response_cycle)."""
    for phase in ("triage", "mitigation", "post_mortem"):
        PhaseRecordFactory(incident=incident, phase=phase, status="approved")
    RCAFactory(incident=incident, status="approved")


def test_an_engineer_raises_a_p1_an_incident_manager_takes_it_and_everything_closes_with_it(
    page: Page, chromium: Browser, live_server: Any
) -> None:
    UserFactory(role="incident_manager", first_name="Ada", last_name="Okafor")
    ada = UserFactory(role="incident_manager", first_name="Ada", last_name="Lovelace")
    priya = UserFactory(role="technical_support", first_name="Priya", last_name="Nair")
    engineer, manager = new_page(chromium, live_server, priya), new_page(chromium, live_server, ada)

    engineer.goto("/incidents/new/")
    engineer.get_by_label("Title").fill("Checkout down")
    engineer.get_by_label("Description").fill("Every payment fails.")
    engineer.get_by_label("Is a business-critical service completely down?").check()
    engineer.get_by_label("Is there no workaround?").check()
    expect(engineer.locator("[data-level]")).to_have_text("P1")
    engineer.get_by_role("button", name="Create incident").click()
    incident = Incident.objects.get(title="Checkout down")
    expect(held_by(engineer)).to_contain_text("Nobody — waiting for an incident manager")
    expect(engineer.get_by_role("button", name="Take command")).to_have_count(0)

    manager.goto(incident.get_absolute_url())
    manager.get_by_role("button", name="Take command").click()
    expect(held_by(manager)).to_contain_text(re.compile(r"Ada Lovelace\s+since (just now|\d+ s ago)"))
    expect(manager.get_by_role("button", name="Take command")).to_have_count(0)
    bridge = manager.get_by_role("region", name=re.compile(r"Bridge BRG\d{7}"))
    expect(bridge).to_contain_text("Ada Lovelace")

    status = manager.get_by_role("region", name="Status page")
    status.get_by_label("Public status").select_option("investigating")
    status.get_by_label("Headline").fill("Payments unavailable")
    status.locator("textarea[name=message]").fill("Card payments fail; we are investigating.")
    status.get_by_role("button", name="Publish update").click()
    expect(manager.get_by_role("status")).to_contain_text("Published on the status page.")
    photograph(manager, "incident")

    page.goto("/status/")
    expect(page.locator("main")).to_contain_text("1 incident in progress")

    approve_every_gate(incident)
    resolve(manager, "Change rolled back", "Rolled back release 42.")
    expect(manager.locator(".incident-head")).to_contain_text("Resolved")
    page.goto("/status/")
    history = page.get_by_role("region", name="History")
    expect(history).to_contain_text("Payments unavailable")
    expect(history).to_contain_text("Resolved")
    expect(page.locator("main")).to_contain_text("All systems operational")
    photograph(page, "status")

    manager.get_by_role("button", name="Close", exact=True).click()
    expect(manager.locator(".incident-head")).to_contain_text("Closed")
    expect(manager.locator(".readonly-note")).to_contain_text("this record is kept as it is")
    expect(manager.get_by_role("link", name="Edit")).to_have_count(0)
    assert incident.bridges.get().status == "closed"


def test_the_severity_questions_refuse_contradictions_and_say_why(page: Page) -> None:
    sign_in(page, UserFactory(role="technical_support"))
    page.goto("/incidents/new/")
    result = page.locator("[data-assessment-result]")
    page.get_by_label("Is a business-critical service completely down?").check()
    alone = severity_assess({"complete_outage": True})
    expect(result.locator("[data-level]")).to_have_text(alone.severity)
    expect(result).to_contain_text("completely down")
    page.get_by_label("Is it badly degraded?").check()
    expect(result).to_contain_text("How bad it is: choose one answer.")
    expect(result.locator("[data-level]")).to_have_text("?")
    page.get_by_label("Title").fill("Search slow")
    page.get_by_label("Description").fill("Both at once.")
    page.get_by_role("button", name="Create incident").click()
    expect(page.locator("main")).to_contain_text("How bad it is: choose one answer.")
    assert not Incident.objects.filter(title="Search slow").exists()


def test_a_double_clicked_submit_creates_one_incident(page: Page) -> None:
    sign_in(page, UserFactory(role="technical_support"))
    page.goto("/incidents/new/")
    page.get_by_label("Title").fill("Printer queue stuck")
    page.get_by_label("Description").fill("Jobs wait forever.")
    page.get_by_role("button", name="Create incident").dblclick()
    expect(page.get_by_role("heading", level=1)).to_have_text("Printer queue stuck")
    assert Incident.objects.filter(title="Printer queue stuck").count() == 1


def test_my_work_lists_what_waits_for_me(page: Page) -> None:
    me = UserFactory(role="incident_manager", first_name="Sam", last_name="Rivera")
    from tests.incidents.factories import IncidentFactory
    from tests.response.factories import ActionItemFactory

    mine = IncidentFactory(title="Queue backlog", assigned_to=me, status="in_progress", severity="P2")
    ActionItemFactory(incident=mine, owner=me, title="Add a queue-depth alert")
    sign_in(page, me)
    page.goto("/my-work/")
    expect(page.locator("main")).to_contain_text("Queue backlog")
    expect(page.locator("main")).to_contain_text("Add a queue-depth alert")
    photograph(page, "my-work")
