"""Signing in, finding one's way and working with the lists and forms, in a real browser."""

import re

import pytest
from playwright.sync_api import Page, expect

from accounts.models import User
from tests.accounts.factories import ClientFactory, UserFactory
from tests.browser.conftest import sign_in
from tests.cmdb.factories import AssignmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_refuses_a_wrong_password_then_signs_in(page: Page) -> None:
    user = UserFactory(role="incident_manager", first_name="Ada")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/$"))
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Please enter a correct email and password")
    sign_in(page, user)
    expect(page.get_by_role("heading", level=1)).to_have_text("Good to see you, Ada")
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Configuration items")
    expect(page.get_by_role("navigation", name="Main")).not_to_contain_text("System")


def test_sign_out(page: Page) -> None:
    user = UserFactory()
    sign_in(page, user)
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/login/$"))


def test_client_list_filters_sorts_and_opens_a_client(page: Page) -> None:
    ClientFactory(client_name="Acme Rockets", support_coverage="24x7")
    ClientFactory(client_name="Zenith Bank", support_coverage="business_hours")
    target = AssignmentFactory(
        client__client_name="Bravo Health", client__support_coverage="24x7", ci__ci_name="mri-01"
    )
    sign_in(page, UserFactory(role="executive"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Clients").click()
    rows = page.locator("table.list tbody tr")
    expect(rows).to_have_count(3)
    page.get_by_label("Support coverage").select_option("24x7")
    expect(rows).to_have_count(2)
    expect(page).to_have_url(re.compile(r"support_coverage=24x7"))
    expect(rows.first).to_contain_text("Acme Rockets")
    page.get_by_role("link", name="Name ▲").click()
    expect(rows.first).to_contain_text("Bravo Health")
    expect(page).to_have_url(re.compile(r"support_coverage=24x7.*sort=-name"))
    page.get_by_role("link", name="Name ▼").click()
    expect(rows.first).to_contain_text("Acme Rockets")
    page.get_by_role("link", name="Bravo Health").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bravo Health")
    expect(page.get_by_role("link", name="mri-01")).to_have_attribute("href", f"/cmdb/{target.ci_id}/")


def test_create_user_form_shows_rule_then_creates(page: Page, admin_user: User) -> None:
    customer = ClientFactory(client_name="Orbit Freight")
    sign_in(page, admin_user)
    page.goto("/users/new/")
    page.get_by_label("First name").fill("Casey")
    page.get_by_label("Last name").fill("Contact")
    page.get_by_label("Email").fill("casey@orbit.test")
    page.get_by_label("Role").select_option("client_contact")
    page.get_by_role("button", name="Create user").click()
    expect(page.locator(".field.has-error")).to_contain_text("Required for a client contact.")
    page.get_by_label("Client").select_option(label="Orbit Freight")
    page.get_by_role("button", name="Create user").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Casey Contact")
    expect(page.get_by_role("status")).to_contain_text("User casey@orbit.test created.")
    assert User.objects.get(email="casey@orbit.test").client == customer


def test_assign_a_client_to_a_configuration_item(page: Page, support: User) -> None:
    ci = AssignmentFactory(ci__ci_name="edge-lb").ci
    ClientFactory(client_name="Delta Air")
    sign_in(page, support)
    page.goto(f"/cmdb/{ci.pk}/")
    page.locator("select[name=client]").select_option(label="Delta Air")
    page.get_by_role("button", name="Assign client").click()
    expect(page.get_by_role("status")).to_contain_text("Delta Air now depends on edge-lb.")
    expect(page.locator(".card").filter(has_text="Clients that depend on it")).to_contain_text("Delta Air")
