"""`/api/v1/action-items/`: follow-up work from post-mortems, RCAs and reviews."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.inputs import valid
from core.api.views import WritableServiceViewSet
from core.timewindow import planned
from incidents.selectors import incident_get
from response import selectors
from response.choices import ActionSource, ActionStatus, Horizon, Priority
from response.filtersets import ActionItemFilterSet
from response.models import ActionItem
from response.services.actions import action_item_create, action_item_set_status, action_item_update


class ActionItemSerializer(serializers.ModelSerializer[ActionItem]):
    overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = ActionItem
        fields = [
            "id", "incident", "source", "title", "description", "owner", "priority", "horizon", "due_date", "status",
            "overdue", "completed_at", "created_by", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class ActionItemCreateInputSerializer(serializers.Serializer):
    incident = serializers.IntegerField()
    owner = serializers.IntegerField()
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    due_date = serializers.DateField(validators=[planned])
    priority = serializers.ChoiceField(choices=Priority.choices, required=False)
    horizon = serializers.ChoiceField(choices=Horizon.choices, required=False)
    source = serializers.ChoiceField(choices=ActionSource.choices, required=False)  # type: ignore[assignment]


class ActionItemUpdateInputSerializer(serializers.Serializer):
    owner = serializers.IntegerField(required=False)
    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    due_date = serializers.DateField(validators=[planned], required=False)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False)
    horizon = serializers.ChoiceField(choices=Horizon.choices, required=False)


class ActionStatusInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionStatus.choices)


@extend_schema_view(
    create=extend_schema(request=ActionItemCreateInputSerializer, responses={201: ActionItemSerializer}),
    partial_update=extend_schema(request=ActionItemUpdateInputSerializer, responses=ActionItemSerializer),
)
class ActionItemViewSet(WritableServiceViewSet):
    """Action items: `?overdue=true`, `?status=open`; completing one is noted on its incident."""

    serializer_class = ActionItemSerializer
    input_serializers = {"create": ActionItemCreateInputSerializer, "partial_update": ActionItemUpdateInputSerializer}
    filterset_class = ActionItemFilterSet
    ordering_fields = ["id", "due_date", "priority"]
    required_permissions = {
        "list": "cycle.view",
        "retrieve": "cycle.view",
        "create": "actions.manage",
        "partial_update": "actions.manage",
        "status": "actions.manage",
    }

    def get_queryset(self) -> QuerySet[ActionItem]:
        return selectors.action_item_list(actor=self.actor)

    def service_create(self, data: dict[str, Any]) -> ActionItem:
        incident = incident_get(actor=self.actor, pk=data.pop("incident"))
        return action_item_create(actor=self.actor, incident=incident, owner=data.pop("owner"), **data)

    def service_update(self, instance: ActionItem, data: dict[str, Any]) -> ActionItem:
        return action_item_update(actor=self.actor, item=instance, data=data)

    @extend_schema(request=ActionStatusInputSerializer, responses=ActionItemSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request: Request, pk: str | None = None) -> Response:
        """Start, complete, cancel or reopen the item."""
        status = valid(ActionStatusInputSerializer, request)["status"]
        item = action_item_set_status(actor=self.actor, item=self.get_object(), status=status)
        return Response(self.get_serializer(item).data)
