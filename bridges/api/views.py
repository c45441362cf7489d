from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from bridges import selectors, services
from bridges.api.serializers import (
    BridgeCreateInputSerializer,
    BridgeParticipantSerializer,
    BridgeSerializer,
    ParticipantCreateInputSerializer,
)
from bridges.filtersets import BridgeFilterSet, ParticipantFilterSet
from bridges.models import Bridge, BridgeParticipant
from core.api.exceptions import error_body
from core.api.inputs import valid
from core.api.views import ServiceViewSet
from core.errors import NotFound
from incidents.selectors import incident_get


class BridgeViewSet(ServiceViewSet, mixins.CreateModelMixin):
    """Bridges (SOPs 4.1 and 5): open on an open or in-progress incident, close once it is resolved."""

    serializer_class = BridgeSerializer
    filterset_class = BridgeFilterSet
    ordering_fields = ["id", "start_time"]
    required_permissions = {
        "list": "bridges.view",
        "retrieve": "bridges.view",
        "create": "bridges.manage",
        "close": "bridges.manage",
    }

    def get_queryset(self) -> QuerySet[Bridge]:
        return selectors.bridge_list(actor=self.actor)

    @extend_schema(request=BridgeCreateInputSerializer, responses={201: BridgeSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        given = valid(BridgeCreateInputSerializer, request)
        incident = incident_get(actor=self.actor, pk=given["incident"])
        bridge = services.bridge_open(actor=self.actor, incident=incident, bridge_type=given.get("bridge_type"))
        return Response(self.get_serializer(self.get_queryset().get(pk=bridge.pk)).data, status=201)

    @extend_schema(
        request=None,
        responses={200: BridgeSerializer, 409: OpenApiResponse(description="Already closed, or incident unresolved")},
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        """SOP 5. Closing a closed bridge records the note "Bridge already closed." and answers 409."""
        result = services.bridge_close(actor=self.actor, bridge=self.get_object())
        if not result.closed:
            return Response(
                error_body("bridge_already_closed", f"Bridge already closed ({result.bridge.bridge_number})."),
                status=409,
            )
        return Response(self.get_serializer(self.get_queryset().get(pk=result.bridge.pk)).data)


class BridgeParticipantViewSet(ServiceViewSet, mixins.CreateModelMixin):
    """Bridge participants (SOP 4.2): active users on active bridges, each once."""

    serializer_class = BridgeParticipantSerializer
    filterset_class = ParticipantFilterSet
    ordering_fields = ["id", "joined_at"]
    required_permissions = {"list": "bridges.view", "retrieve": "bridges.view", "create": "bridges.manage"}

    def get_queryset(self) -> QuerySet[BridgeParticipant]:
        return selectors.participant_list(actor=self.actor)

    @extend_schema(request=ParticipantCreateInputSerializer, responses={201: BridgeParticipantSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = valid(ParticipantCreateInputSerializer, request)
        bridge = selectors.bridge_list(actor=self.actor).filter(pk=data["bridge"]).first()
        if bridge is None:
            raise NotFound(f"Bridge {data['bridge']} does not exist.")
        rows = services.bridge_add_participants(
            actor=self.actor, bridge=bridge, participants=[(data["user"], data["role_in_bridge"])]
        )
        return Response(self.get_serializer(rows[0]).data, status=201)
