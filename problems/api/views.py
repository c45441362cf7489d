from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.inputs import valid
from core.api.views import WritableServiceViewSet
from problems import selectors, services
from problems.api.serializers import (
    LinkCIInputSerializer,
    LinkIncidentInputSerializer,
    ProblemCreateInputSerializer,
    ProblemSerializer,
    ProblemUpdateInputSerializer,
)
from problems.filtersets import ProblemFilterSet
from problems.models import Problem


@extend_schema_view(
    create=extend_schema(request=ProblemCreateInputSerializer, responses={201: ProblemSerializer}),
    partial_update=extend_schema(request=ProblemUpdateInputSerializer, responses=ProblemSerializer),
)
class ProblemViewSet(WritableServiceViewSet):
    """Problem tickets (SOPs 6-9): create with linked incidents, update and move status, link incidents and CIs."""

    serializer_class = ProblemSerializer
    input_serializers = {"create": ProblemCreateInputSerializer, "partial_update": ProblemUpdateInputSerializer}
    filterset_class = ProblemFilterSet
    ordering_fields = ["id", "problem_number", "created_at", "status"]
    required_permissions = {
        "list": "problems.view",
        "retrieve": "problems.view",
        "create": "problems.manage",
        "partial_update": "problems.manage",
        "link_incident": "problems.manage",
        "link_ci": "problems.manage",
    }

    def get_queryset(self) -> QuerySet[Problem]:
        return selectors.problem_list(actor=self.actor)

    def service_create(self, data: dict[str, Any]) -> Problem:
        data.setdefault("reported_by", self.request.user.pk)
        return services.problem_create(actor=self.actor, **data)

    def service_update(self, instance: Problem, data: dict[str, Any]) -> Problem:
        return services.problem_update(actor=self.actor, problem=instance, data=data)

    @extend_schema(request=LinkIncidentInputSerializer, responses=ProblemSerializer)
    @action(detail=True, methods=["post"], url_path="link-incident")
    def link_incident(self, request: Request, pk: str | None = None) -> Response:
        """SOP 8: link an incident; both records get a note and the incident manager is told."""
        problem = self.get_object()
        services.problem_link_incident(
            actor=self.actor, problem=problem, incident=valid(LinkIncidentInputSerializer, request)["incident"]
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=problem.pk)).data)

    @extend_schema(request=LinkCIInputSerializer, responses=ProblemSerializer)
    @action(detail=True, methods=["post"], url_path="link-ci")
    def link_ci(self, request: Request, pk: str | None = None) -> Response:
        """SOP 9: link a configuration item to a problem that is not closed."""
        problem = self.get_object()
        services.problem_link_ci(actor=self.actor, problem=problem, ci=valid(LinkCIInputSerializer, request)["ci"])
        return Response(self.get_serializer(self.get_queryset().get(pk=problem.pk)).data)
