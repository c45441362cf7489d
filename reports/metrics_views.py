"""The metrics dashboard (charts drawn by the app as SVG) and `GET /api/v1/metrics/...`."""

from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from core.actor import Actor
from core.api.views import PolicyAPIView
from core.errors import InvalidInput
from core.views import PolicyRequiredMixin
from reports.metrics import (
    action_item_completion,
    metrics_summary,
    postmortems_on_time,
    repeat_incidents,
    response_times,
    sla_attainment,
)


def bars(rows: list[dict[str, Any]], value: str) -> list[dict[str, Any]]:
    """Rows with a 0-100 width for a horizontal bar of `value`."""
    top = max((row[value] or 0 for row in rows), default=0) or 1
    return [{**row, "width": round(100 * (row[value] or 0) / top, 1)} for row in rows]


class MetricsDashboardView(PolicyRequiredMixin, TemplateView):
    required_permission = "metrics.view"
    template_name = "reports/metrics.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        summary = metrics_summary(actor=self.actor)
        context.update(
            summary=summary,
            severity_bars=bars(summary["by_severity"], "mttr_minutes"),
            severity_ack_bars=bars(summary["by_severity"], "mtta_minutes"),
            month_bars=bars(summary["by_month"], "count"),
            client_bars=bars(summary["by_client"], "mttr_minutes"),
            sla_bars=[{**row, "width": round(100 * (row["share"] or 0), 1)} for row in summary["sla_attainment"]],
            repeats=list(repeat_incidents(actor=self.actor).order_by("-detection_time")[:20]),
        )
        return context


class MetricsView(PolicyAPIView):
    """`/api/v1/metrics/<name>/`: response-times (by=severity|client|month), postmortems, action-items,
    repeat-incidents, sla-attainment, or summary (all of them)."""

    required_permissions = {"get": "metrics.view"}

    @extend_schema(parameters=[OpenApiParameter("by", str, description="severity, client or month")], responses=dict)
    def get(self, request: Request, name: str) -> Response:
        actor = Actor.api(request.user)  # type: ignore[arg-type]
        if name == "response-times":
            by = request.query_params.get("by", "severity")
            if by not in ("severity", "client", "month"):
                raise InvalidInput(fields={"by": "Use severity, client or month."}, code="invalid_filter")
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
        if name == "summary":
            return Response(metrics_summary(actor=actor))
        raise InvalidInput(fields={"name": "Unknown metric."}, code="unknown_metric")
