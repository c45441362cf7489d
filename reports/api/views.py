from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.actor import Actor
from core.api.inputs import StatusInputSerializer, valid
from core.api.views import PolicyAPIView, WritableServiceViewSet
from core.errors import InvalidInput
from incidents.selectors import incident_get
from problems.selectors import problem_get
from reports import selectors, services
from reports.api.serializers import (
    RCACreateInputSerializer,
    RCASerializer,
    RCAUpdateInputSerializer,
    ReportCreateInputSerializer,
    ReportSerializer,
    ReportUpdateInputSerializer,
    ReviewCreateInputSerializer,
    ReviewSerializer,
    ReviewUpdateInputSerializer,
)
from reports.filtersets import RCAFilterSet, ReportFilterSet, ReviewFilterSet
from reports.metrics import (
    action_item_completion,
    metrics_summary,
    postmortems_on_time,
    repeat_incidents,
    response_times,
    sla_attainment,
)
from reports.models import IncidentReport, PostIncidentReview, RootCauseAnalysis
from reports.rendering import report_markdown
from reports.trends import on_call_metrics


class _TransitionMixin:
    """`POST .../transition/ {"status": ...}` through the resource's transition service."""

    def transition_service(self, instance: Any, status: str) -> Any:
        raise NotImplementedError

    @extend_schema(request=StatusInputSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        instance = self.transition_service(self.get_object(), valid(StatusInputSerializer, request)["status"])  # type: ignore[attr-defined]
        return Response(self.get_serializer(instance).data)  # type: ignore[attr-defined]


@extend_schema_view(
    create=extend_schema(request=RCACreateInputSerializer, responses={201: RCASerializer}),
    partial_update=extend_schema(request=RCAUpdateInputSerializer, responses=RCASerializer),
    transition=extend_schema(request=StatusInputSerializer, responses=RCASerializer),
)
class RCAViewSet(_TransitionMixin, WritableServiceViewSet):
    """Root cause analyses (SOP 17 A, B): assigned, in_progress, completed, approved."""

    serializer_class = RCASerializer
    input_serializers = {"create": RCACreateInputSerializer, "partial_update": RCAUpdateInputSerializer}
    filterset_class = RCAFilterSet
    ordering_fields = ["id", "created_at", "due_date"]
    required_permissions = {
        "list": "rcas.view",
        "retrieve": "rcas.view",
        "create": "rcas.manage",
        "partial_update": "rcas.manage",
        "transition": "rcas.view",  # the service asks rcas.manage, or rcas.approve to approve
    }

    def get_queryset(self) -> QuerySet[RootCauseAnalysis]:
        return selectors.rca_list(actor=self.actor)

    def service_create(self, data: dict[str, Any]) -> RootCauseAnalysis:
        incident_id, problem_id = data.pop("incident", None), data.pop("problem", None)
        incident = incident_get(actor=self.actor, pk=incident_id) if incident_id else None
        problem = problem_get(actor=self.actor, pk=problem_id) if problem_id else None
        return services.rca_create(actor=self.actor, incident=incident, problem=problem, **data)

    def service_update(self, instance: RootCauseAnalysis, data: dict[str, Any]) -> RootCauseAnalysis:
        return services.rca_update(actor=self.actor, rca=instance, data=data)

    def transition_service(self, instance: RootCauseAnalysis, status: str) -> RootCauseAnalysis:
        return services.rca_transition(actor=self.actor, rca=instance, status=status)


@extend_schema_view(
    create=extend_schema(request=ReviewCreateInputSerializer, responses={201: ReviewSerializer}),
    partial_update=extend_schema(request=ReviewUpdateInputSerializer, responses=ReviewSerializer),
    transition=extend_schema(request=StatusInputSerializer, responses=ReviewSerializer),
)
class ReviewViewSet(_TransitionMixin, WritableServiceViewSet):
    """Post-incident reviews (SOP 17 C, D) of closed incidents."""

    serializer_class = ReviewSerializer
    input_serializers = {"create": ReviewCreateInputSerializer, "partial_update": ReviewUpdateInputSerializer}
    filterset_class = ReviewFilterSet
    ordering_fields = ["id", "scheduled_date"]
    required_permissions = {
        "list": "reports.view",
        "retrieve": "reports.view",
        "create": "reviews.manage",
        "partial_update": "reviews.manage",
        "transition": "reviews.manage",
    }

    def get_queryset(self) -> QuerySet[PostIncidentReview]:
        return selectors.review_list(actor=self.actor)

    def service_create(self, data: dict[str, Any]) -> PostIncidentReview:
        incident = incident_get(actor=self.actor, pk=data.pop("incident"))
        return services.review_create(actor=self.actor, incident=incident, **data)

    def service_update(self, instance: PostIncidentReview, data: dict[str, Any]) -> PostIncidentReview:
        return services.review_update(actor=self.actor, review=instance, data=data)

    def transition_service(self, instance: PostIncidentReview, status: str) -> PostIncidentReview:
        return services.review_transition(actor=self.actor, review=instance, status=status)


@extend_schema_view(
    create=extend_schema(request=ReportCreateInputSerializer, responses={201: ReportSerializer}),
    partial_update=extend_schema(request=ReportUpdateInputSerializer, responses=ReportSerializer),
    transition=extend_schema(request=StatusInputSerializer, responses=ReportSerializer),
)
class ReportViewSet(_TransitionMixin, WritableServiceViewSet):
    """Incident reports (SOP 18): draft, completed, approved, archived; also as Markdown."""

    serializer_class = ReportSerializer
    input_serializers = {"create": ReportCreateInputSerializer, "partial_update": ReportUpdateInputSerializer}
    filterset_class = ReportFilterSet
    ordering_fields = ["id", "generation_date"]
    required_permissions = {
        "list": "reports.view",
        "retrieve": "reports.view",
        "markdown": "reports.view",
        "create": "reports.manage",
        "partial_update": "reports.manage",
        "transition": "reports.manage",  # approving asks reports.approve in the service
    }

    def get_queryset(self) -> QuerySet[IncidentReport]:
        return selectors.report_list(actor=self.actor)

    def service_create(self, data: dict[str, Any]) -> IncidentReport:
        incident = incident_get(actor=self.actor, pk=data.pop("incident"))
        return services.report_create(actor=self.actor, incident=incident, **data)

    def service_update(self, instance: IncidentReport, data: dict[str, Any]) -> IncidentReport:
        return services.report_update(actor=self.actor, report=instance, data=data)

    def transition_service(self, instance: IncidentReport, status: str) -> IncidentReport:
        return services.report_transition(actor=self.actor, report=instance, status=status)

    @extend_schema(responses={(200, "text/markdown"): OpenApiResponse(description="The report as Markdown")})
    @action(detail=True, methods=["get"])
    def markdown(self, request: Request, pk: str | None = None) -> HttpResponse:
        report = self.get_object()
        response = HttpResponse(report_markdown(report), content_type="text/markdown; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{report.report_number}.md"'
        return response


METRIC_NAMES = (
    "response-times", "postmortems", "action-items", "repeat-incidents", "sla-attainment", "on-call", "summary",
)  # fmt: skip


class MetricsView(PolicyAPIView):
    """`/api/v1/metrics/<name>/`: response-times (by=severity|client|month), postmortems, action-items,
    repeat-incidents, sla-attainment, on-call (the last 12 weeks of pages), or summary (all but on-call)."""

    required_permissions = {"get": "metrics.view"}

    @extend_schema(
        parameters=[
            OpenApiParameter("name", str, OpenApiParameter.PATH, enum=list(METRIC_NAMES), description="Which measure."),
            OpenApiParameter("by", str, enum=["severity", "client", "month"], description="For response-times."),
        ],
        responses=OpenApiTypes.ANY,
    )
    def get(self, request: Request, name: str) -> Response:
        actor = Actor.api(request.user)  # type: ignore[arg-type]
        by = request.query_params.get("by") or "severity"
        if by not in ("severity", "client", "month"):
            raise InvalidInput(fields={"by": "Use severity, client or month."}, code="invalid_filter")
        if name == "response-times":
            return Response(response_times(actor=actor, by=by))
        if name == "postmortems":
            return Response(postmortems_on_time(actor=actor))
        if name == "action-items":
            return Response(action_item_completion(actor=actor))
        if name == "repeat-incidents":
            incidents = repeat_incidents(actor=actor).order_by("-detection_time")
            return Response(
                {"count": incidents.count(), "incidents": list(incidents.values_list("pk", flat=True)[:500])}
            )
        if name == "sla-attainment":
            return Response(sla_attainment(actor=actor))
        if name == "on-call":
            return Response(on_call_metrics(actor=actor))
        if name == "summary":
            return Response(metrics_summary(actor=actor))
        raise InvalidInput(fields={"name": "Unknown metric."}, code="unknown_metric")
