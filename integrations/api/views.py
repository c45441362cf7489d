"""`/api/v1/integrations/`, `/api/v1/alerts/`, and the receiving address `/api/v1/intake/<key>/`."""

from __future__ import annotations

import time
from typing import Any

from django.core.cache import caches
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiTypes, extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.inputs import valid
from core.api.views import PolicyAPIView, ServiceViewSet
from core.errors import InvalidInput
from core.permissions import PUBLIC
from integrations import selectors
from integrations.api.serializers import (
    AlertSerializer,
    DeliverySerializer,
    IntakeSerializer,
    IntegrationCreatedSerializer,
    IntegrationInputSerializer,
    IntegrationSerializer,
    IntegrationUpdateSerializer,
    RedeliverInputSerializer,
    WebhookCreatedSerializer,
    WebhookInputSerializer,
    WebhookSerializer,
    WebhookUpdateSerializer,
)
from integrations.filtersets import AlertFilterSet
from integrations.models import Alert, Integration, WebhookSubscription
from integrations.services import (
    alerts_receive,
    integration_by_key,
    integration_create,
    integration_rotate_key,
    integration_update,
    receiving_url,
)
from integrations.services.webhooks import webhook_create, webhook_redeliver, webhook_update


def _created(integration: Integration, key: str, status: int) -> Response:
    data = {**IntegrationSerializer(integration).data, "url": receiving_url(key)}
    return Response(data, status=status)


@extend_schema_view(
    create=extend_schema(request=IntegrationInputSerializer, responses={201: IntegrationCreatedSerializer}),
    partial_update=extend_schema(request=IntegrationUpdateSerializer, responses=IntegrationSerializer),
)
class IntegrationViewSet(ServiceViewSet):
    """Monitoring sources: creating one answers its receiving `url` (holding the secret key) once."""

    serializer_class = IntegrationSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    required_permissions = {
        "list": "integrations.view", "retrieve": "integrations.view", "create": "integrations.manage",
        "rotate_key": "integrations.manage", "partial_update": "integrations.manage",
    }  # fmt: skip

    def get_queryset(self) -> QuerySet[Integration]:
        return selectors.integration_list(actor=self.actor)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        valid(IntegrationInputSerializer, request)
        integration, key = integration_create(actor=self.actor, data=request.data)
        return _created(integration, key, 201)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change the fields given (`rules` replaces the rules whole, over the defaults); the kind stays."""
        integration = self.get_object()
        valid(IntegrationUpdateSerializer, request, partial=True)
        integration_update(actor=self.actor, integration=integration, data=request.data)
        return Response(self.get_serializer(self.get_queryset().get(pk=integration.pk)).data)

    @extend_schema(request=None, responses=IntegrationCreatedSerializer)
    @action(detail=True, methods=["post"], url_path="rotate-key")
    def rotate_key(self, request: Request, pk: str | None = None) -> Response:
        """A new key and receiving address; the old address answers 404 from now on."""
        integration, key = integration_rotate_key(actor=self.actor, integration=self.get_object())
        return _created(integration, key, 200)


class AlertViewSet(ServiceViewSet):
    """Alerts as delivered, deduplicated by fingerprint: `?status=firing`, `?integration=`, `?incident=`."""

    serializer_class = AlertSerializer
    filterset_class = AlertFilterSet
    required_permissions = {"list": "integrations.view", "retrieve": "integrations.view"}

    def get_queryset(self) -> QuerySet[Alert]:
        return selectors.alert_list(actor=self.actor)


class IntakeView(PolicyAPIView):
    """Where a source posts its alerts, in its native payload. The key in the address is the credential; an unknown
    or rotated key answers 404, a malformed payload 400 (nothing written), a source over its rate 429."""

    authentication_classes: list[Any] = []
    required_permissions = {"post": PUBLIC}

    @extend_schema(request=OpenApiTypes.OBJECT, responses={202: IntakeSerializer})
    def post(self, request: Request, key: str) -> Response:
        integration = integration_by_key(key)
        wait = _over_rate(integration)
        if wait:
            response = Response(
                {"code": "rate_limited", "message": "Too many deliveries from this source; retry later.", "fields": {}},
                status=429,
            )
            response["Retry-After"] = str(wait)
            return response
        result = alerts_receive(integration=integration, payload=request.data)
        return Response(IntakeSerializer(result.as_dict()).data, status=202)


def _over_rate(integration: Integration) -> int:
    """Seconds until the source may deliver again (0: it may now): a counter per receiving address and minute
    (named by the key's hash, so that a database restored or rebuilt never inherits another source's count)."""
    now = time.time()
    minute = int(now // 60)
    cache = caches["default"]
    key = f"intake:{integration.key_hash[:24]}:{minute}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: count this one as the first
        cache.set(key, 1, timeout=120)
        count = 1
    return 0 if count <= integration.rate_per_minute else max(1, int(60 - now % 60))


@extend_schema_view(
    create=extend_schema(request=WebhookInputSerializer, responses={201: WebhookCreatedSerializer}),
    partial_update=extend_schema(request=WebhookUpdateSerializer, responses=WebhookSerializer),
)
class WebhookViewSet(ServiceViewSet):
    """Outbound webhooks: events signed by the Standard Webhooks scheme; the `secret` is shown once."""

    serializer_class = WebhookSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    required_permissions = {
        "list": "integrations.view", "retrieve": "integrations.view", "create": "integrations.manage",
        "partial_update": "integrations.manage", "deliveries": "integrations.view",
        "redeliver": "integrations.manage",
    }  # fmt: skip

    def get_queryset(self) -> QuerySet[WebhookSubscription]:
        return selectors.webhook_list(actor=self.actor)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        valid(WebhookInputSerializer, request)
        subscription = webhook_create(actor=self.actor, data=request.data)
        data = {**WebhookSerializer(subscription).data, "secret": subscription.secret}
        return Response(data, status=201)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Another `url` or other `events`, or `enabled` off and on again; the client and the secret stay."""
        subscription = self.get_object()
        valid(WebhookUpdateSerializer, request, partial=True)
        return Response(WebhookSerializer(webhook_update(actor=self.actor, subscription=subscription,
                                                         data=request.data)).data)  # fmt: skip

    @extend_schema(responses=DeliverySerializer(many=True))
    @action(detail=True, methods=["get"])
    def deliveries(self, request: Request, pk: str | None = None) -> Response:
        """The latest 100 deliveries, newest first: status, attempts, the last error."""
        rows = selectors.deliveries_of(self.get_object())[:100]
        return Response(DeliverySerializer(rows, many=True).data)

    @extend_schema(request=RedeliverInputSerializer, responses=DeliverySerializer)
    @action(detail=True, methods=["post"])
    def redeliver(self, request: Request, pk: str | None = None) -> Response:
        """Send one delivery again, with its event id unchanged."""
        subscription = self.get_object()
        wanted = valid(RedeliverInputSerializer, request)["delivery"]
        delivery = selectors.deliveries_of(subscription).filter(pk=wanted).first()
        if delivery is None:
            raise InvalidInput("No such delivery of this webhook.", fields={"delivery": "Not this webhook's."})
        return Response(DeliverySerializer(webhook_redeliver(actor=self.actor, subscription=subscription,
                                                             delivery=delivery)).data)  # fmt: skip
