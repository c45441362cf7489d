"""Monitoring and webhooks set up in real Chromium by an incident manager: a source shows its receiving address
once with its configuration, a webhook shows its signing secret once, and a webhook is turned off and on."""

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from integrations.models import Integration, WebhookSubscription
from tests.accounts.factories import ClientFactory, UserFactory
from tests.browser.conftest import new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_source_and_a_webhook_are_set_up_on_their_pages(chromium: Browser, live_server: Any) -> None:
    ClientFactory(client_name="Acme Retail")
    page = new_page(chromium, live_server, UserFactory(role="incident_manager"))

    page.goto("/integrations/")
    form = page.get_by_role("region", name="New integration")
    form.get_by_label("Name").fill("Prometheus prod")
    form.get_by_label("Kind").select_option(label="Prometheus Alertmanager")
    form.get_by_role("button", name="Create").click()
    address = page.get_by_role("textbox", name="Receiving address")
    expect(address).to_have_value(re.compile(r"^http.*/api/v1/intake/[\w-]{20,}/$"))
    expect(page.locator("pre.snippet")).to_contain_text("webhook_configs")
    assert Integration.objects.get().name == "Prometheus prod"

    page.goto("/integrations/webhooks/")
    form = page.get_by_role("region", name="New webhook")
    form.get_by_label("Receiver URL").fill("https://chat.example/tracer")
    form.get_by_label("incident.created").check()
    form.get_by_label("sla.breached").check()
    form.get_by_label("Only the events of").select_option(label="Acme Retail")
    form.get_by_role("button", name="Create").click()
    hook = WebhookSubscription.objects.get()
    expect(page.get_by_role("textbox", name="Signing secret")).to_have_value(hook.secret)
    assert (hook.events, hook.client.client_name) == (["incident.created", "sla.breached"], "Acme Retail")

    page.get_by_role("link", name="Go to the webhooks").click()
    card = page.get_by_role("region", name="Webhook to https://chat.example/tracer")
    expect(card).not_to_contain_text(hook.secret)
    card.get_by_role("button", name="Turn off").click()
    expect(page.get_by_role("region", name="Webhook to https://chat.example/tracer")).to_contain_text("Disabled")
    page.get_by_role("button", name="Turn on again").click()
    expect(page.get_by_role("region", name="Webhook to https://chat.example/tracer")).to_contain_text("Enabled")
    hook.refresh_from_db()
    assert (hook.enabled, hook.failures) == (True, 0)
