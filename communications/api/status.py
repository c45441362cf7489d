"""`/api/v1/incidents/{id}/status-updates/`: the public status page's posts about one incident, listed and posted
through the same service and rules as the incident page (status.post; closed incidents take none)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from communications.choices import PublicStatus
from communications.models import StatusUpdate
from communications.services.status import status_update_post
from core.api.inputs import valid
from core.api.views import PolicyAPIView
from incidents.selectors import incident_get


class StatusUpdateSerializer(serializers.ModelSerializer[StatusUpdate]):
    status = serializers.CharField(source="public_status", read_only=True)

    class Meta:
        model = StatusUpdate
        fields = ["id", "status", "headline", "message", "posted_by", "posted_at"]
        read_only_fields = fields


class StatusUpdateInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=PublicStatus.choices)
    headline = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    message = serializers.CharField()


class IncidentStatusUpdatesView(PolicyAPIView):
    required_permissions = {"get": "incidents.view", "post": "status.post"}

    @extend_schema(responses=StatusUpdateSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        incident = incident_get(actor=self.actor, pk=pk)
        return Response(StatusUpdateSerializer(incident.status_updates.order_by("posted_at", "id"), many=True).data)

    @extend_schema(request=StatusUpdateInputSerializer, responses={201: StatusUpdateSerializer})
    def post(self, request: Request, pk: int) -> Response:
        incident = incident_get(actor=self.actor, pk=pk)
        given = valid(StatusUpdateInputSerializer, request)
        update = status_update_post(
            actor=self.actor,
            incident=incident,
            public_status=given["status"],
            headline=given["headline"],
            message=given["message"],
        )
        return Response(StatusUpdateSerializer(update).data, status=201)
