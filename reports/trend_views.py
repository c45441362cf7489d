"""The weekly trends on the metrics page, and each one as CSV."""

from __future__ import annotations

import csv

from django.http import HttpRequest, HttpResponse
from django.views import View

from core.actor import Actor
from core.views import PolicyRequiredMixin
from reports.charts import line_chart
from reports.trends import METRICS, SPLITS, Trend, trend


def trends_for(*, actor: Actor, split: str) -> list[tuple[Trend, str]]:
    split = split if split in SPLITS else ""
    return [
        (found, line_chart(found))
        for found in (trend(actor=actor, metric=metric.key, split=split) for metric in METRICS)
    ]


class TrendCSVView(PolicyRequiredMixin, View):
    """`?metric=mttr&split=severity`: the week rows of one trend, one column per series."""

    required_permission = "metrics.view"

    def get(self, request: HttpRequest) -> HttpResponse:
        metric, split = request.GET.get("metric", ""), request.GET.get("split", "")
        try:
            found = trend(actor=self.actor, metric=metric, split=split)
        except ValueError:
            choices = ", ".join(metric.key for metric in METRICS)
            return HttpResponse(f"Unknown metric or split; metrics: {choices}.", status=400, content_type="text/plain")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{metric}{"-by-" + split if split else ""}.csv"'
        writer = csv.writer(response)
        unit = {"min": " (minutes)", "%": " (%)"}.get(found.metric.unit, "")
        writer.writerow(["week", *(f"{name}{unit}" for name in found.series)])
        for week, values in found.rows():
            writer.writerow([week.isoformat(), *("" if value is None else value for value in values)])
        return response
