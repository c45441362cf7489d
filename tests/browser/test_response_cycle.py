"""A P1 walked through the whole response cycle in a real browser: every gate reviewed by someone other than its
author, closure refused while a gate is open, a generated post-mortem with action items, and the public status
page checked as a client would see it at each step."""

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from incidents.models import Incident
from tests.accounts.factories import UserFactory
from tests.browser.conftest import new_page, resolve

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def status_page(page: Page) -> Any:
    page.goto("/status/")
    return page.locator("main")


def test_p1_through_every_gate_to_a_closed_incident(page: Page, chromium: Browser, live_server: Any) -> None:
    ada = UserFactory(role="incident_manager", first_name="Ada", last_name="Okafor")
    priya = UserFactory(role="technical_support", first_name="Priya", last_name="Nair")
    grace = UserFactory(role="executive", first_name="Grace", last_name="Hughes")
    public = page  # never signs in: what a client sees
    manager, engineer = new_page(chromium, live_server, ada), new_page(chromium, live_server, priya)

    expect(status_page(public)).to_contain_text("All systems operational")

    manager.goto("/incidents/new/")
    manager.get_by_label("Title").fill("INTERNAL db-7 pool exhausted")
    manager.get_by_label("Description").fill("Checkout fails.")
    manager.get_by_label("Is a business-critical service completely down?").check()
    manager.get_by_label("Is there no workaround?").check()
    manager.get_by_label("Assignee").select_option(label="Ada Okafor · Incident manager")
    manager.get_by_role("button", name="Create incident").click()
    incident = Incident.objects.get(title="INTERNAL db-7 pool exhausted")
    url = f"/incidents/{incident.pk}/"
    expect(manager.get_by_role("region", name="Response cycle")).to_contain_text("gate required")

    status = manager.get_by_role("region", name="Status page")
    status.get_by_label("Public status").select_option("investigating")
    status.get_by_label("Headline").fill("Checkout unavailable")
    status.locator("textarea[name=message]").fill("Customers cannot pay; we are investigating.")
    status.get_by_role("button", name="Publish update").click()
    board = status_page(public)
    expect(board).to_contain_text("1 incident in progress")
    expect(board).to_contain_text("Checkout unavailable")
    expect(board).not_to_contain_text("INTERNAL")
    expect(board).not_to_contain_text("db-7")

    def write_and_submit(phase: str, fields: dict[str, str]) -> None:
        engineer.goto(f"{url}cycle/{phase}/")
        for label, value in fields.items():
            engineer.get_by_label(label).fill(value)
        engineer.get_by_role("button", name=re.compile("^Save")).click()
        engineer.get_by_role("button", name="Submit for review").click()
        expect(engineer.locator(".incident-head")).to_contain_text("Submitted for review")
        expect(engineer.get_by_role("button", name="Approve gate")).to_have_count(0)

    def approve(phase: str) -> None:
        manager.goto(f"{url}cycle/{phase}/")
        manager.get_by_role("button", name="Approve gate").click()
        expect(manager.locator(".incident-head")).to_contain_text("Approved")

    write_and_submit(
        "triage",
        {
            "Impact on users": "Nobody can pay",
            "Initial hypothesis": "Connection leak",
            "Immediate actions": "Roll back",
        },
    )
    approve("triage")
    write_and_submit("mitigation", {"Strategy": "Roll back release 2026.11.3", "Residual risk": "Low"})
    approve("mitigation")

    manager.goto(url)
    resolve(manager)
    expect(manager.locator(".incident-head")).to_contain_text(re.compile("resolved", re.IGNORECASE))
    expect(manager.get_by_role("button", name="Close", exact=True)).to_have_count(0)
    expect(manager.locator(".closing-refusal")).to_contain_text("the root cause, post-mortem gates are not approved")
    assert Incident.objects.get(pk=incident.pk).status == "resolved"

    status = manager.get_by_role("region", name="Status page")
    status.get_by_label("Public status").select_option("monitoring")
    status.locator("textarea[name=message]").fill("A fix is in place; we are monitoring.")
    status.get_by_role("button", name="Publish update").click()
    expect(status_page(public)).to_contain_text("Monitoring")

    engineer.goto(url)
    engineer.get_by_role("link", name="Start an RCA").first.click()
    engineer.get_by_label("Analyst").select_option(label="Priya Nair · Technical support")
    engineer.get_by_role("button", name="Start analysis").click()
    engineer.get_by_role("button", name="Start").click()
    engineer.get_by_label("Why 1?").fill("The pool was exhausted")
    engineer.get_by_label("Root cause").fill("No release gate for load tests")
    engineer.get_by_role("button", name="Save analysis").click()
    engineer.get_by_role("button", name="Complete").click()
    rca_url = engineer.url
    executive = new_page(chromium, live_server, grace)
    executive.goto(rca_url)
    executive.get_by_role("button", name="Approve").click()
    expect(executive.locator(".incident-head")).to_contain_text(re.compile("approved", re.IGNORECASE))

    engineer.goto(f"{url}cycle/post_mortem/")
    engineer.get_by_role("button", name="Draft from the incident").click()
    draft = engineer.get_by_role("region", name="Post-mortem draft")
    expect(draft.locator("h1")).to_have_text("Incident Report: INTERNAL db-7 pool exhausted")  # rendered
    expect(draft).to_contain_text("No release gate for load tests")
    actions = engineer.get_by_role("region", name="Action items")
    actions.get_by_label("Title").fill("Gate releases on a load test")
    actions.get_by_label("Owner").select_option(label="Priya Nair · Technical support")
    actions.get_by_label("Due date").fill(str(timezone.localdate() + dt.timedelta(days=30)))
    actions.get_by_role("button", name="Add action item").click()
    expect(engineer.get_by_role("region", name="Action items")).to_contain_text("Gate releases on a load test")
    engineer.get_by_label("Summary").fill("A connection leak took checkout down for 40 minutes.")
    engineer.get_by_label("What went well").fill("Rollback was quick")
    engineer.get_by_role("button", name=re.compile("^Save")).click()
    engineer.get_by_role("button", name="Draft from the incident").click()
    row = engineer.get_by_role("region", name="Post-mortem draft").locator("table tr", has_text="Gate releases")
    expect(row.locator("td").nth(1)).to_have_text("Priya Nair")
    engineer.get_by_role("button", name="Submit for review").click()
    approve("post_mortem")

    manager.goto(url)
    status = manager.get_by_role("region", name="Status page")
    status.get_by_label("Public status").select_option("resolved")
    status.locator("textarea[name=message]").fill("Checkout is working again.")
    status.get_by_role("button", name="Publish update").click()
    manager.get_by_role("button", name="Close", exact=True).click()
    expect(manager.locator(".incident-head")).to_contain_text(re.compile("closed", re.IGNORECASE))
    expect(manager.get_by_role("region", name="Response cycle").locator(".cycle-step.state-approved")).to_have_count(5)

    board = status_page(public)
    expect(board).to_contain_text("All systems operational")
    expect(board.get_by_role("region", name="History")).to_contain_text("Checkout unavailable")
    expect(board).not_to_contain_text("INTERNAL")
    assert Incident.objects.get(pk=incident.pk).status == "closed"
