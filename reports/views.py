"""Pages of the learning cycle: the RCA editor (5 whys, fishbone), post-incident reviews, incident reports."""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from accounts.selectors import staff_choices
from approvals.forms import ApprovalRequestForm
from approvals.hooks import MANAGERS
from approvals.selectors import approvals_for
from core.errors import NotFound
from core.views import FilteredListView, PolicyRequiredMixin, RecordDetailView, RecordFormView, ServiceActionView
from incidents.selectors import incident_get
from problems.selectors import problem_get
from reports import selectors, services
from reports.choices import FISHBONE_CATEGORIES
from reports.filtersets import RCAFilterSet
from reports.forms import RCACreateForm, RCAEditForm, ReportCreateForm, ReportEditForm, ReviewForm, StatusForm
from reports.metrics import metrics_summary, repeat_incidents
from reports.models import IncidentReport, PostIncidentReview, RootCauseAnalysis
from reports.rendering import report_markdown
from reports.services.reviews import EDITABLE as REVIEW_FIELDS
from reports.trend_views import trends_for
from reports.trends import SPLITS


class RCAListView(FilteredListView):
    required_permission = "rcas.view"
    template_name = "reports/rca_list.html"
    filterset_class = RCAFilterSet
    sortable = {"number": "rca_number", "status": "status", "due": "due_date"}
    default_sort = "-number"

    def base_queryset(self) -> QuerySet[RootCauseAnalysis]:
        return selectors.rca_list(actor=self.actor)


class RCACreateView(RecordFormView):
    required_permission = "rcas.manage"
    template_name = "reports/rca_create.html"
    form_class = RCACreateForm
    success_message = "{obj.rca_number} started."

    def subject(self) -> dict[str, Any]:
        def given(name: str) -> str | None:
            return self.request.POST.get(name) or self.request.GET.get(name)

        if incident := given("incident"):
            return {"incident": incident_get(actor=self.actor, pk=incident)}
        if problem := given("problem"):
            return {"problem": problem_get(actor=self.actor, pk=problem)}
        raise NotFound("Start an RCA from its incident or problem page.")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["subject"] = self.subject()
        return context

    def perform(self, form: RCACreateForm) -> RootCauseAnalysis:
        data = {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}
        return services.rca_create(actor=self.actor, **self.subject(), **data)


class RCADetailView(RecordDetailView):
    """The RCA editor: the chain of whys or the fishbone, the summary, the status and its approvals."""

    required_permission = "rcas.view"
    template_name = "reports/rca_detail.html"
    context_object_name = "rca"

    def get_object(self) -> RootCauseAnalysis:
        return get_object_or_404(selectors.rca_list(actor=self.actor), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rca: RootCauseAnalysis = context["rca"]
        context.update(
            form=RCAEditForm(method=rca.analysis_method, initial=RCAEditForm.initial_for(rca)),
            next_statuses=services.rca_next_statuses(actor=self.actor, rca=rca),
            actions=services.rca_actions(actor=self.actor, rca=rca),
            approvals=list(approvals_for(reference_type="rca", reference_id=rca.pk)),
            approval_form=ApprovalRequestForm(exclude=(self.actor.user_id, rca.assigned_to_id), roles=MANAGERS),
            fishbone=[(name, (rca.analysis.get("causes") or {}).get(name, [])) for name in FISHBONE_CATEGORIES],
            action_owners=staff_choices(),
        )
        return context


class RCAActionView(ServiceActionView):
    def rca(self) -> RootCauseAnalysis:
        return get_object_or_404(selectors.rca_list(actor=self.actor), pk=self.kwargs["pk"])

    def target(self) -> RootCauseAnalysis:
        return self.rca()

    def redirect_url(self) -> str:
        return reverse("reports:rca-detail", args=[self.kwargs["pk"]])


class RCAEditView(RCAActionView):
    required_permission = "rcas.manage"
    form_class = RCAEditForm
    success_message = "Analysis saved."

    def form_kwargs(self) -> dict[str, Any]:
        return {**super().form_kwargs(), "method": self.rca().analysis_method}

    def perform(self, form: RCAEditForm) -> RootCauseAnalysis:
        return services.rca_update(actor=self.actor, rca=self.rca(), data=form.update_data())


class RCAStatusView(RCAActionView):
    required_permission = "rcas.view"  # the service asks rcas.manage, or rcas.approve to approve
    form_class = StatusForm
    success_message = "{result.rca_number} is now {result.status}."

    def perform(self, form: StatusForm) -> RootCauseAnalysis:
        return services.rca_transition(actor=self.actor, rca=self.rca(), status=form.cleaned_data["status"])


class RCAApprovalRequestView(RCAActionView):
    required_permission = "approvals.request"
    form_class = ApprovalRequestForm
    success_message = "Approval requested from {result.approver.full_name}."

    def perform(self, form: ApprovalRequestForm) -> Any:
        from approvals.services import approval_request_create

        return approval_request_create(
            actor=self.actor, reference_type="rca", reference_id=self.rca().pk, approver=form.cleaned_data["approver"]
        )


class ReviewCreateView(RecordFormView):
    required_permission = "reviews.manage"
    template_name = "reports/review_form.html"
    form_class = ReviewForm
    success_message = "Review scheduled."

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["incident"] = incident_get(actor=self.actor, pk=self.kwargs["incident"])
        return context

    def perform(self, form: ReviewForm) -> PostIncidentReview:
        incident = incident_get(actor=self.actor, pk=self.kwargs["incident"])
        return services.review_create(actor=self.actor, incident=incident, **form.cleaned_data)


class ReviewDetailView(RecordFormView):
    """The review page: its record, editable while it is scheduled or completed."""

    required_permission = "reports.view"
    template_name = "reports/review_detail.html"
    form_class = ReviewForm
    success_message = "Review saved."

    def get_object(self) -> PostIncidentReview:
        return get_object_or_404(selectors.review_list(actor=self.actor), pk=self.kwargs["pk"])

    def get_initial(self) -> dict[str, Any]:
        return {name: getattr(self.instance, name) for name in REVIEW_FIELDS}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["review"] = self.instance
        context["next_statuses"] = services.review_next_statuses(actor=self.actor, review=self.instance)
        context["actions"] = services.review_actions(actor=self.actor, review=self.instance)
        context["action_owners"] = staff_choices()
        return context

    def perform(self, form: ReviewForm) -> PostIncidentReview:
        return services.review_update(actor=self.actor, review=self.instance, data=dict(form.cleaned_data))


class ReviewStatusView(ServiceActionView):
    required_permission = "reviews.manage"
    form_class = StatusForm
    success_message = "Review {result.status}."

    def redirect_url(self) -> str:
        return reverse("reports:pir-detail", args=[self.kwargs["pk"]])

    def perform(self, form: StatusForm) -> PostIncidentReview:
        review = get_object_or_404(selectors.review_list(actor=self.actor), pk=self.kwargs["pk"])
        return services.review_transition(actor=self.actor, review=review, status=form.cleaned_data["status"])


class ReportCreateView(RecordFormView):
    required_permission = "reports.manage"
    template_name = "reports/report_create.html"
    form_class = ReportCreateForm
    success_message = "{obj.report_number} drafted."

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["incident"] = incident_get(actor=self.actor, pk=self.kwargs["incident"])
        return context

    def perform(self, form: ReportCreateForm) -> IncidentReport:
        incident = incident_get(actor=self.actor, pk=self.kwargs["incident"])
        return services.report_create(actor=self.actor, incident=incident, **form.cleaned_data)


class ReportDetailView(RecordFormView):
    """The readable report, its lifecycle, and the editor while it is a draft."""

    required_permission = "reports.view"
    template_name = "reports/report_detail.html"
    form_class = ReportEditForm
    success_message = "Report saved."

    def get_object(self) -> IncidentReport:
        return get_object_or_404(selectors.report_list(actor=self.actor), pk=self.kwargs["pk"])

    def get_initial(self) -> dict[str, Any]:
        return {"report_title": self.instance.report_title, "report_content": self.instance.report_content}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["report"] = self.instance
        context["next_statuses"] = services.report_next_statuses(actor=self.actor, report=self.instance)
        context["actions"] = services.report_actions(actor=self.actor, report=self.instance)
        return context

    def perform(self, form: ReportEditForm) -> IncidentReport:
        return services.report_update(actor=self.actor, report=self.instance, data=dict(form.cleaned_data))


class ReportStatusView(ServiceActionView):
    required_permission = "reports.view"  # the service asks reports.manage, or reports.approve to approve
    form_class = StatusForm
    success_message = "{result.report_number} is now {result.report_status}."

    def redirect_url(self) -> str:
        return reverse("reports:report-detail", args=[self.kwargs["pk"]])

    def perform(self, form: StatusForm) -> IncidentReport:
        report = get_object_or_404(selectors.report_list(actor=self.actor), pk=self.kwargs["pk"])
        return services.report_transition(actor=self.actor, report=report, status=form.cleaned_data["status"])


class ReportMarkdownView(PolicyRequiredMixin, View):
    required_permission = "reports.view"

    def get(self, request: Any, pk: int) -> HttpResponse:
        report = get_object_or_404(selectors.report_list(actor=self.actor), pk=pk)
        response = HttpResponse(report_markdown(report), content_type="text/markdown; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{report.report_number}.md"'
        return response


def bars(rows: list[dict[str, Any]], value: str) -> list[dict[str, Any]]:
    """Rows with a 0-100 width for a horizontal bar of `value`."""
    top = max((row[value] or 0 for row in rows), default=0) or 1
    return [{**row, "width": round(100 * (row[value] or 0) / top, 1)} for row in rows]


PERIODS = {"30": "Last 30 days", "90": "Last 90 days", "365": "Last year", "all": "All history"}
DEFAULT_PERIOD = "90"
"""The dashboard measures the incidents detected in a recent period (a desk looks at how it does now, and a long
history is not read whole at every visit); the API measures all of them unless given days."""


class MetricsDashboardView(PolicyRequiredMixin, TemplateView):
    required_permission = "metrics.view"
    template_name = "reports/metrics.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        period = self.request.GET.get("period", "")
        period = period if period in PERIODS else DEFAULT_PERIOD
        since = timezone.now() - dt.timedelta(days=int(period)) if period != "all" else None
        summary = metrics_summary(actor=self.actor, since=since)
        context.update(
            period=period,
            periods=PERIODS,
            since_day=timezone.localdate(since).isoformat() if since else "",  # the figures' links list the same
            summary=summary,
            severity_bars=bars(summary["by_severity"], "mttr_minutes"),
            severity_ack_bars=bars(summary["by_severity"], "mtta_minutes"),
            month_bars=bars(summary["by_month"], "count"),
            client_bars=bars(summary["by_client"], "mttr_minutes"),
            sla_bars=[{**row, "width": round(100 * (row["share"] or 0), 1)} for row in summary["sla_attainment"]],
            repeats=list(repeat_incidents(actor=self.actor, since=since).order_by("-detection_time")[:20]),
            split=self.request.GET.get("split", "") if self.request.GET.get("split") in SPLITS else "",
            splits=SPLITS,
        )
        context["trends"] = trends_for(actor=self.actor, split=context["split"])
        return context
