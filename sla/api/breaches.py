"""`GET /api/v1/sla-breaches/`: SOP 21's report, paginated by limit and offset, and as CSV."""

from typing import Any

from django.http import StreamingHttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.views import PolicyAPIView
from sla.breaches import breach_csv_lines, breach_rows, breaching_pairs, parse_breach_filters

DEFAULT_LIMIT, MAX_LIMIT = 100, 1000


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


def _bounded(value: Any, default: int, maximum: int) -> int:
    try:
        return max(0, min(int(value), maximum))
    except (TypeError, ValueError):
        return default


class SLABreachReportView(PolicyAPIView):
    """A row per breaching (incident, client) pair: tier, agreement, expected and actual minutes, overrun."""

    required_permissions = {"get": "sla.view"}

    @extend_schema(
        parameters=[
            *FILTER_PARAMETERS,
            OpenApiParameter("limit", int, description=f"Rows per page, at most {MAX_LIMIT}."),
            OpenApiParameter("offset", int),
            OpenApiParameter("export", str, description="`csv` for the whole report as CSV."),
        ],
        responses=BreachRowSerializer(many=True),
    )
    def get(self, request: Request) -> Any:
        filters = parse_breach_filters(request.query_params, actor=self.actor)
        if request.query_params.get("export") == "csv":
            response = StreamingHttpResponse(breach_csv_lines(filters, actor=self.actor), content_type="text/csv")
            response["Content-Disposition"] = 'attachment; filename="sla-breaches.csv"'
            return response
        limit = _bounded(request.query_params.get("limit"), DEFAULT_LIMIT, MAX_LIMIT) or DEFAULT_LIMIT
        offset = _bounded(request.query_params.get("offset"), 0, 10**9)
        window = list(breaching_pairs(filters, actor=self.actor)[offset : offset + limit + 1])
        rows = breach_rows(window[:limit], filters)
        more = len(window) > limit
        return Response(
            {
                "next": f"?{_with(request, offset=offset + limit, limit=limit)}" if more else None,
                "previous": f"?{_with(request, offset=max(offset - limit, 0), limit=limit)}" if offset else None,
                "results": BreachRowSerializer(rows, many=True).data,
            }
        )


def _with(request: Request, **changes: Any) -> str:
    params = request.query_params.copy()
    for key, value in changes.items():
        params[key] = str(value)
    return params.urlencode()
