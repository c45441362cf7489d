from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from cmdb import selectors, services
from cmdb.api.serializers import (
    ClientAssignmentInputSerializer,
    ConfigurationItemCreateInputSerializer,
    ConfigurationItemSerializer,
    ConfigurationItemUpdateInputSerializer,
)
from cmdb.filtersets import ConfigurationItemFilterSet
from cmdb.models import ConfigurationItem
from core.api.inputs import valid
from core.api.views import WritableServiceViewSet


@extend_schema_view(
    create=extend_schema(request=ConfigurationItemCreateInputSerializer, responses={201: ConfigurationItemSerializer}),
    partial_update=extend_schema(request=ConfigurationItemUpdateInputSerializer, responses=ConfigurationItemSerializer),
)
class ConfigurationItemViewSet(WritableServiceViewSet):
    """Configuration items and the clients that depend on them."""

    serializer_class = ConfigurationItemSerializer
    input_serializers = {
        "create": ConfigurationItemCreateInputSerializer,
        "partial_update": ConfigurationItemUpdateInputSerializer,
    }
    filterset_class = ConfigurationItemFilterSet
    ordering_fields = ["id", "ci_name", "ci_type", "environment", "operational_status", "created_at"]
    required_permissions = {
        "list": "cmdb.view",
        "retrieve": "cmdb.view",
        "create": "cmdb.manage",
        "partial_update": "cmdb.manage",
        "assign_client": "cmdb.manage",
        "unassign_client": "cmdb.manage",
    }

    def get_queryset(self) -> QuerySet[ConfigurationItem]:
        return selectors.ci_list(actor=self.actor)

    def service_create(self, data: dict[str, Any]) -> ConfigurationItem:
        return services.ci_create(actor=self.actor, **data)

    def service_update(self, instance: ConfigurationItem, data: dict[str, Any]) -> ConfigurationItem:
        return services.ci_update(actor=self.actor, ci=instance, data=data)

    def _client_input(self, request: Request) -> int:
        return int(valid(ClientAssignmentInputSerializer, request)["client"])

    @extend_schema(request=ClientAssignmentInputSerializer, responses=ConfigurationItemSerializer)
    @action(detail=True, methods=["post"], url_path="assign-client")
    def assign_client(self, request: Request, pk: str | None = None) -> Response:
        ci = self.get_object()
        services.ci_assign_client(actor=self.actor, ci=ci, client=self._client_input(request))
        return Response(self.get_serializer(self.get_queryset().get(pk=ci.pk)).data)

    @extend_schema(request=ClientAssignmentInputSerializer, responses=ConfigurationItemSerializer)
    @action(detail=True, methods=["post"], url_path="unassign-client")
    def unassign_client(self, request: Request, pk: str | None = None) -> Response:
        ci = self.get_object()
        services.ci_unassign_client(actor=self.actor, ci=ci, client=self._client_input(request))
        return Response(self.get_serializer(self.get_queryset().get(pk=ci.pk)).data)
