"""`GET /api/v1/sla-breaches/`: SOP 21's report, paginated by cursor like every list, and as CSV."""

from typing import Any

from django.db.models import F, QuerySet
from django.http import StreamingHttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request

from core.api.pagination import KeysetPagination
from core.api.views import ActorMixin
from core.errors import InvalidInput
from sla.breaches import BreachFilters, breach_csv_lines, breach_rows, breaching_pairs, parse_breach_filters
from sla.models import IncidentSLA


class BreachRowSerializer(serializers.Serializer):
    incident = serializers.IntegerField(source="incident_id")
    incident_number = serializers.CharField()
    title = serializers.CharField()
    severity = serializers.CharField()
    status = serializers.CharField()
    detection_time = serializers.DateTimeField()
    client = serializers.IntegerField(source="client_id")
    client_name = serializers.CharField()
    tier = serializers.CharField()
    clock = serializers.CharField()
    agreement = serializers.IntegerField(source="agreement_id")
    response_expected_minutes = serializers.IntegerField()
    response_actual_minutes = serializers.FloatField()
    response_overrun_minutes = serializers.FloatField()
    response_breached = serializers.BooleanField()
    resolution_expected_minutes = serializers.IntegerField()
    resolution_actual_minutes = serializers.FloatField()
    resolution_overrun_minutes = serializers.FloatField()
    resolution_breached = serializers.BooleanField()


FILTER_PARAMETERS = [
    OpenApiParameter("client", int, description="An existing client id."),
    OpenApiParameter("start_date", str, description="YYYY-MM-DD, detection on or after this day (UTC)."),
    OpenApiParameter("end_date", str, description="YYYY-MM-DD, detection on or before this day (UTC), inclusive."),
    OpenApiParameter("status", str, description="open, in_progress, monitoring, resolved or closed."),
    OpenApiParameter("as_of", str, description="Judge unfinished incidents at this ISO time instead of now."),
]


class BreachPagination(KeysetPagination):
    """The report's order (oldest detection first) with the cursors and `page_size` of every other list."""

    ordering = ("detected", "id")  # type: ignore[assignment]


class SLABreachReportView(ActorMixin, generics.ListAPIView):
    """A row per breaching (incident, client) pair: tier, agreement, expected and actual minutes, overrun."""

    serializer_class = BreachRowSerializer
    pagination_class = BreachPagination
    filter_backends: list[type] = []
    required_permissions = {"get": "sla.view"}

    def filters(self) -> BreachFilters:
        if not hasattr(self, "_filters"):
            self._filters = parse_breach_filters(self.request.query_params, actor=self.actor)
        return self._filters

    def get_queryset(self) -> QuerySet[IncidentSLA]:
        return breaching_pairs(self.filters(), actor=self.actor).annotate(detected=F("incident__detection_time"))

    @extend_schema(
        parameters=[
            *FILTER_PARAMETERS,
            OpenApiParameter("export", str, enum=["csv"], description="`csv` for the whole report as CSV."),
        ],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        filters = self.filters()
        export = request.query_params.get("export") or None
        if export not in (None, "csv"):
            raise InvalidInput(fields={"export": "Only csv."}, code="invalid_filter")
        if export == "csv":
            response = StreamingHttpResponse(breach_csv_lines(filters, actor=self.actor), content_type="text/csv")
            response["Content-Disposition"] = 'attachment; filename="sla-breaches.csv"'
            return response
        page = self.paginate_queryset(self.get_queryset())
        rows = breach_rows(page or [], filters)
        return self.get_paginated_response(BreachRowSerializer(rows, many=True).data)
