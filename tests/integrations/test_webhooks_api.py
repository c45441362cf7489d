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
