"""A major incident worked in the browser: report it, see its bridge, staff the bridge, escalate, close."""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from incidents.models import Incident
from tests.accounts.factories import UserFactory
from tests.browser.conftest import resolve, sign_in
from tests.cmdb.factories import AssignmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_a_p1_staff_its_bridge_escalate_and_close(page: Page) -> None:
    manager = UserFactory(role="incident_manager", first_name="Ada", last_name="Okafor")
    engineer = UserFactory(role="technical_support", first_name="Priya", last_name="Nair")
    executive = UserFactory(role="executive", first_name="Grace", last_name="Hughes")
    AssignmentFactory(ci__ci_name="payments-api")
    sign_in(page, manager)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Incidents").click()
    page.get_by_role("link", name="Report an incident").click()
    page.get_by_label("Title").fill("Card payments failing")
    page.get_by_label("Description").fill("Every authorisation returns 502.")
    page.get_by_label("Category").select_option("software")
    result = page.locator("[data-assessment-result]")
    expect(result.locator("[data-level]")).to_have_text("P4")
    page.get_by_label("Is a business-critical service completely down?").check()
    page.get_by_label("Is there no workaround?").check()
    expect(result.locator("[data-level]")).to_have_text("P1")
    expect(result).to_contain_text("P1 because a business-critical service is completely down with no workaround")
    expect(page.locator("[data-major-hint]")).to_be_visible()
    page.get_by_label("Assignee").select_option(label="Ada Okafor · Incident manager")
    page.get_by_label("Affected configuration items").select_option(label="payments-api")
    page.get_by_role("button", name="Create incident").click()

    incident = Incident.objects.get(title="Card payments failing")
    expect(page).to_have_url(re.compile(rf"/incidents/{incident.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Card payments failing")
    bridge_card = page.get_by_role("region", name=re.compile(r"Bridge BRG\d{7}"))
    expect(bridge_card).to_contain_text(re.compile("major incident", re.IGNORECASE))
    expect(bridge_card).to_contain_text("Ada Okafor")
    expect(page.locator(".incident-head")).to_contain_text(re.compile("in progress", re.IGNORECASE))

    bridge_card.get_by_label("Participant").select_option(label="Priya Nair · Technical support")
    bridge_card.get_by_role("button", name="Add participant").click()
    expect(page.get_by_role("status")).to_contain_text("Priya Nair joined the bridge.")
    expect(bridge_card.locator("tbody tr")).to_have_count(2)
    expect(page.locator(".note").first).to_contain_text("Bridge participant(s) added to bridge BRG")

    page.get_by_label("Escalate to").select_option(label="Grace Hughes · Executive")
    page.locator("textarea[name=escalation_reason]").fill("Revenue impact across clients")
    page.get_by_role("button", name="Escalate").click()
    expect(page.get_by_role("status")).to_contain_text("Escalated to Grace Hughes.")
    expect(page.locator(".card", has_text="Escalations")).to_contain_text(re.compile("pending", re.IGNORECASE))

    page.on("dialog", lambda dialog: dialog.accept())
    expect(bridge_card.get_by_role("button", name="Close bridge")).to_have_count(0)
    expect(bridge_card).to_contain_text("closes once the incident is resolved or monitoring")

    resolve(page, "Change rolled back", "Rolled back release 42.")
    expect(page.locator(".incident-head")).to_contain_text(re.compile("resolved", re.IGNORECASE))
    page.get_by_role("region", name=re.compile(r"Bridge BRG")).get_by_role("button", name="Close bridge").click()
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"Bridge BRG\d{7} closed\."))
    expect(page.locator(".note").last).to_contain_text(
        f"Bridge closed for the incident {incident.incident_number} by Ada Okafor after all activities completed."
    )
    assert incident.bridges.get().status == "closed"
    assert executive.pk == incident.escalations.get().escalated_to_id
    assert engineer.pk in set(incident.bridges.get().participants.values_list("user_id", flat=True))


def test_client_contact_reports_an_incident(page: Page, admin_user: User) -> None:
    from tests.accounts.factories import ClientContactFactory

    contact = ClientContactFactory(first_name="Casey")
    sign_in(page, contact)
    page.goto("/incidents/new/")
    page.get_by_label("Title").fill("Portal login loops")
    page.get_by_label("Description").fill("Users are sent back to the login page.")
    page.get_by_label("Is it limited to one department or function?").check()
    expect(page.locator("[data-level]")).to_have_text("P3")
    page.get_by_role("button", name="Create incident").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Portal login loops")
    expect(page.locator(".incident-head")).to_contain_text("P3")
    expect(page.get_by_role("heading", name="Work notes")).to_have_count(0)
