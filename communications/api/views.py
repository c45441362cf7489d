from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.request import Request
from rest_framework.response import Response

from communications import selectors, services
from communications.api.serializers import CommunicationCreateInputSerializer, CommunicationSerializer
from communications.filtersets import CommunicationFilterSet
from communications.models import Communication
from core.api.inputs import valid
from core.api.views import ServiceViewSet
from incidents.selectors import incident_get
from problems.selectors import problem_get


class CommunicationViewSet(ServiceViewSet, mixins.CreateModelMixin):
    """Communications (SOP 11) about one incident or problem."""

    serializer_class = CommunicationSerializer
    filterset_class = CommunicationFilterSet
    ordering_fields = ["id", "created_at"]
    required_permissions = {
        "list": "communications.view",
        "retrieve": "communications.view",
        "create": "communications.send",
    }

    def get_queryset(self) -> QuerySet[Communication]:
        return selectors.communication_list(actor=self.actor)

    @extend_schema(request=CommunicationCreateInputSerializer, responses={201: CommunicationSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = valid(CommunicationCreateInputSerializer, request)
        incident_id, problem_id = data.pop("incident", None), data.pop("problem", None)
        incident = incident_get(actor=self.actor, pk=incident_id) if incident_id else None
        problem = problem_get(actor=self.actor, pk=problem_id) if problem_id else None
        communication = services.communication_create(actor=self.actor, incident=incident, problem=problem, **data)
        return Response(self.get_serializer(communication).data, status=201)
