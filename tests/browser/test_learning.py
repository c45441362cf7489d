"""The change and learning flows in a real browser: an emergency change through its executive's approval,
and a root cause analysis from its start to its approval."""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from changes.models import ChangeRequest
from reports.models import RootCauseAnalysis
from tests.accounts.factories import UserFactory
from tests.browser.conftest import sign_in
from tests.incidents.factories import IncidentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_emergency_change_through_executive_approval(page: Page) -> None:
    manager = UserFactory(role="incident_manager", first_name="Ada", last_name="Okafor")
    UserFactory(role="executive", first_name="Grace", last_name="Hughes")
    sign_in(page, manager)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Changes").click()
    page.get_by_role("link", name="Request a change").click()
    page.get_by_label("Title").fill("Revert payments release")
    page.get_by_label("Change type").select_option("emergency")
    page.get_by_label("Risk level").select_option("high")
    page.get_by_role("button", name="Request change").click()
    expect(page.locator(".form-errors, .errorlist").first).to_contain_text("executive")
    page.get_by_label("Approver").select_option(label="Grace Hughes · Executive")
    page.get_by_role("button", name="Request change").click()
    change = ChangeRequest.objects.get(title="Revert payments release")
    expect(page).to_have_url(re.compile(rf"/changes/{change.pk}/$"))
    approvals = page.get_by_role("region", name="Approvals")
    expect(approvals).to_contain_text("Grace Hughes")
    expect(approvals).to_contain_text(re.compile("pending", re.IGNORECASE))
    expect(page.get_by_role("button", name="Approve")).to_have_count(0)
    expect(page.get_by_role("button", name="Mark implemented")).to_have_count(0)
    page.get_by_role("button", name="Sign out").click()

    assert ChangeRequest.objects.get(pk=change.pk).status == "requested"
    sign_in(page, User.objects.get(first_name="Grace"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Approvals").click()
    row = page.locator("table.list tbody tr", has_text=change.change_number)
    expect(row).to_contain_text("Create change request")
    row.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status")).to_contain_text("Request approved.")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, manager)
    page.goto(f"/changes/{change.pk}/")
    expect(page.locator(".incident-head")).to_contain_text(re.compile("approved", re.IGNORECASE))
    page.get_by_role("button", name="Mark implemented").click()
    expect(page.get_by_role("status")).to_contain_text(f"{change.change_number} is now implemented.")
    assert ChangeRequest.objects.get(pk=change.pk).approved_by.first_name == "Grace"


def test_rca_from_creation_to_approval(page: Page) -> None:
    analyst = UserFactory(role="technical_support", first_name="Priya", last_name="Nair")
    UserFactory(role="executive", first_name="Grace", last_name="Hughes")
    incident = IncidentFactory(severity="P1", status="resolved", title="Checkout outage")
    sign_in(page, analyst)
    page.goto(f"/incidents/{incident.pk}/")
    page.get_by_role("link", name="Start an RCA").click()
    page.get_by_label("Method").select_option("5_whys")
    page.get_by_label("Analyst").select_option(label="Priya Nair · Technical support")
    page.get_by_role("button", name="Start analysis").click()
    rca = RootCauseAnalysis.objects.get(incident=incident)
    expect(page).to_have_url(re.compile(rf"/rcas/{rca.pk}/$"))
    page.get_by_role("button", name="Start").click()
    answers = [
        "Checkout returned 502",
        "The pool was exhausted",
        "A leak shipped in v2.3",
        "No load test ran",
        "No release gate",
    ]
    for index, answer in enumerate(answers, start=1):
        page.get_by_label(f"Why {index}?").fill(answer)
    page.get_by_label("Root cause").fill("No release gate for load tests")
    page.get_by_label("Summary").fill("A connection leak shipped because nothing gated releases on load tests.")
    page.get_by_role("button", name="Save analysis").click()
    chain = page.get_by_role("region", name="Chain of whys")
    expect(chain.locator("li")).to_have_count(5)
    expect(chain).to_contain_text("No release gate for load tests")
    page.get_by_role("button", name="Complete").click()
    expect(page.locator(".incident-head")).to_contain_text(re.compile("completed", re.IGNORECASE))
    page.get_by_label("Approver").select_option(label="Grace Hughes · Executive")
    page.get_by_role("button", name="Request approval").click()
    expect(page.get_by_role("status")).to_contain_text("Approval requested from Grace Hughes.")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, User.objects.get(first_name="Grace"))
    page.goto("/approvals/")
    page.locator("table.list tbody tr", has_text="Conduct RCA").get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status")).to_contain_text("Request approved.")
    page.goto(f"/rcas/{rca.pk}/")
    expect(page.locator(".incident-head")).to_contain_text(re.compile("approved", re.IGNORECASE))
    expect(page.locator(".facts").last).to_contain_text("Grace Hughes")
