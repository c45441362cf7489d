"""The approvals inbox: what waits for my decision, with a link to each record."""

from typing import Any

from django import forms
from django.db.models import Model
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView

from approvals import selectors, services
from approvals.models import ApprovalRequest
from core.views import PolicyRequiredMixin, ServiceActionView


def record_url(approval: ApprovalRequest, record: Model | None) -> str | None:
    """Where the record an approval is about can be seen: its own page, or the page it is shown on."""
    reference = approval.reference_id
    try:
        match approval.reference_type:
            case "change":
                return reverse("changes:detail", args=[reference])
            case "incident_closure":
                return reverse("workspace:incident-detail", args=[reference])
            case "rca":
                return reverse("reports:rca-detail", args=[reference])
            case "rollback" if record is not None:
                return reverse("changes:detail", args=[record.change_id])  # type: ignore[attr-defined]
            case "escalation" | "bridge" if record is not None:
                return reverse("workspace:incident-detail", args=[record.incident_id])  # type: ignore[attr-defined]
    except NoReverseMatch:
        return None
    return None


class InboxView(PolicyRequiredMixin, TemplateView):
    required_permission = "approvals.view"
    template_name = "approvals/inbox.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        waiting = list(selectors.approval_inbox(actor=self.actor)[:200])
        decided = list(
            selectors.approval_list(actor=self.actor)
            .filter(approver_id=self.request.user.pk)
            .exclude(status="pending")
            .order_by("-responded_at")[:20]
        )
        records = selectors.approval_records([*waiting, *decided])

        def row(approval: ApprovalRequest) -> tuple[ApprovalRequest, str | None, str]:
            record = records.get((approval.reference_type, approval.reference_id))
            label = str(record) if record is not None else f"{approval.get_reference_type_display()} (deleted)"
            return approval, record_url(approval, record), label

        context["waiting"] = [row(approval) for approval in waiting]
        context["decided"] = [row(approval) for approval in decided]
        return context


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approved", "Approve"), ("denied", "Deny")])


class DecideView(ServiceActionView):
    required_permission = "approvals.decide"
    form_class = DecisionForm
    success_message = "Request {result.status}."

    def redirect_url(self) -> str:
        """Back to the record's page when the decision was taken there, else the inbox."""
        back = self.request.POST.get("back", "")
        if url_has_allowed_host_and_scheme(back, allowed_hosts={self.request.get_host()}) and back.startswith("/"):
            return back
        return reverse("approvals:inbox")

    def perform(self, form: DecisionForm) -> ApprovalRequest:
        approval = get_object_or_404(selectors.approval_list(actor=self.actor), pk=self.kwargs["pk"])
        return services.approval_decide(actor=self.actor, approval=approval, decision=form.cleaned_data["decision"])
