"""The webhooks API: a subscription shows its secret once, its deliveries are listed and can be sent again."""

from typing import Any

import pytest

from accounts.models import User
from communications.models import OutboxMessage
from core.actor import Actor
from integrations.models import WebhookSubscription
from tests.incidents.factories import raise_incident

pytestmark = pytest.mark.django_db


def test_a_subscription_its_deliveries_and_a_redelivery(api_as: Any, manager: User, support: User) -> None:
    api = api_as(manager)
    created = api.post("/api/v1/webhooks/", {"url": "https://hooks.example/in", "events": ["incident.created"]},
                       format="json")  # fmt: skip
    assert created.status_code == 201, created.json()
    assert created.json()["secret"].startswith("whsec_")
    hook = created.json()["id"]
    assert "secret" not in api.get(f"/api/v1/webhooks/{hook}/").json()
    raise_incident(Actor.web(manager), severity="P4")
    [delivery] = api.get(f"/api/v1/webhooks/{hook}/deliveries/").json()
    assert (delivery["event"], delivery["status"], delivery["webhook_id"][:4]) == (
        "incident.created",
        "pending",
        "msg_",
    )
    busy = api.post(f"/api/v1/webhooks/{hook}/redeliver/", {"delivery": delivery["id"]}, format="json")
    assert (busy.status_code, busy.json()["code"]) == (409, "delivery_pending")
    OutboxMessage.objects.filter(pk=delivery["id"]).update(status="failed", attempts=8)
    again = api.post(f"/api/v1/webhooks/{hook}/redeliver/", {"delivery": delivery["id"]}, format="json").json()
    assert (again["status"], again["attempts"], again["webhook_id"]) == ("pending", 0, delivery["webhook_id"])
    refused = api_as(support).post("/api/v1/webhooks/", {"url": "https://x.example", "events": ["incident.created"]},
                                   format="json")  # fmt: skip
    assert (refused.status_code, refused.json()["code"]) == (403, "not_permitted")


@pytest.mark.parametrize("body", [
    {"url": "ftp://hooks.example", "events": ["incident.created"]},
    {"url": "https://hooks.example", "events": ["incident.exploded"]},
    {"url": "https://hooks.example", "events": []},
])  # fmt: skip
def test_a_wrong_subscription_is_refused_and_writes_nothing(api_as: Any, manager: User, body: Any) -> None:
    answer = api_as(manager).post("/api/v1/webhooks/", body, format="json")
    assert answer.status_code == 400
    assert answer.json()["code"] in ("invalid", "invalid_webhook")
    assert not WebhookSubscription.objects.exists()


def test_the_page_lists_deliveries_and_sends_one_again(client: Any, manager: User) -> None:
    from tests.integrations.factories import WebhookFactory

    hook = WebhookFactory(created_by=manager)
    raise_incident(Actor.web(manager), severity="P4")
    delivery = OutboxMessage.objects.get(channel="webhook")
    OutboxMessage.objects.filter(pk=delivery.pk).update(status="failed", attempts=8, last_error="HTTP 500")
    client.force_login(manager)
    page = client.get("/integrations/webhooks/").content.decode()
    assert "HTTP 500" in page
    assert "Send again" in page
    client.post(f"/integrations/webhooks/{hook.pk}/redeliver/", {"delivery": delivery.pk})
    assert OutboxMessage.objects.get(pk=delivery.pk).status == "pending"


def test_a_subscription_is_changed_turned_off_and_on_again(api_as: Any, manager: User) -> None:
    from tests.integrations.factories import WebhookFactory

    hook = WebhookFactory(enabled=False, failures=5, disabled_reason="5 deliveries in a row failed")
    api = api_as(manager)
    on = api.patch(f"/api/v1/webhooks/{hook.pk}/", {"enabled": True, "events": ["sla.breached", "sla.warning"]},
                   format="json").json()  # fmt: skip
    assert (on["enabled"], on["failures"], on["disabled_reason"], on["events"]) == (
        True, 0, "", ["sla.breached", "sla.warning"],
    )  # fmt: skip
    off = api.patch(f"/api/v1/webhooks/{hook.pk}/", {"enabled": False}, format="json").json()
    assert (off["enabled"], off["disabled_reason"]) == (False, "Turned off by a person.")


@pytest.mark.parametrize(("body", "code"), [
    ({"url": "ftp://hooks.example"}, "invalid_webhook"), ({"events": []}, "invalid_webhook"), ({"enabled": "maybe"}, "invalid"),
    ({"client": None}, "unknown_field"), ({"secret": "mine"}, "unknown_field"),
])  # fmt: skip
def test_a_wrong_change_is_refused_and_changes_nothing(
    api_as: Any, manager: User, support: User, body: Any, code: str
) -> None:
    from tests.integrations.factories import WebhookFactory

    hook = WebhookFactory()
    before = WebhookSubscription.objects.filter(pk=hook.pk).values().get()
    answer = api_as(manager).patch(f"/api/v1/webhooks/{hook.pk}/", body, format="json")
    assert (answer.status_code, answer.json()["code"]) == (400, code)
    refused = api_as(support).patch(f"/api/v1/webhooks/{hook.pk}/", {"enabled": False}, format="json")
    assert (refused.status_code, refused.json()["code"]) == (403, "not_permitted")
    assert WebhookSubscription.objects.filter(pk=hook.pk).values().get() == before


def test_the_page_creates_a_subscription_and_shows_its_secret_once(client: Any, manager: User) -> None:
    from tests.accounts.factories import ClientFactory

    acme = ClientFactory(client_name="Acme")
    client.force_login(manager)
    assert "New webhook" in client.get("/integrations/webhooks/").content.decode()
    refused = client.post("/integrations/webhooks/new/", {"url": "not a url", "events": ["incident.created"]})
    assert "Enter a valid URL" in refused.content.decode()
    assert not WebhookSubscription.objects.exists()
    shown = client.post("/integrations/webhooks/new/", {"url": "https://chat.example/hook", "client": acme.pk,
                                                       "events": ["incident.created", "status.posted"]})  # fmt: skip
    hook = WebhookSubscription.objects.get()
    assert (hook.url, hook.events, hook.client) == ("https://chat.example/hook", ["incident.created", "status.posted"],
                                                    acme)  # fmt: skip
    assert hook.secret in shown.content.decode()
    assert hook.secret not in client.get("/integrations/webhooks/").content.decode()


def test_the_page_turns_a_subscription_off_and_on_again(client: Any, manager: User) -> None:
    from tests.integrations.factories import WebhookFactory

    hook = WebhookFactory(enabled=False, failures=5, disabled_reason="5 deliveries in a row failed")
    client.force_login(manager)
    assert "Turn on again" in client.get("/integrations/webhooks/").content.decode()
    client.post(f"/integrations/webhooks/{hook.pk}/edit/", {"enabled": "on"})
    hook.refresh_from_db()
    assert (hook.enabled, hook.failures, hook.disabled_reason) == (True, 0, "")
    client.post(f"/integrations/webhooks/{hook.pk}/edit/", {})
    hook.refresh_from_db()
    assert hook.enabled is False
