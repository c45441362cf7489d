"""The approvals inbox: what waits for my decision, with a link to each record."""

from typing import Any

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView

from approvals import selectors, services
from approvals.models import ApprovalRequest
from core.views import PolicyRequiredMixin, ServiceActionView


def record_url(approval: ApprovalRequest) -> str | None:
    """Where the record an approval is about can be seen."""
    try:
        match approval.reference_type:
            case "change":
                return reverse("changes:detail", args=[approval.reference_id])
            case "incident_closure":
                return reverse("workspace:incident-detail", args=[approval.reference_id])
            case "rca":
                return reverse("reports:rca-detail", args=[approval.reference_id])
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
        context["waiting"] = [(approval, record_url(approval)) for approval in waiting]
        context["decided"] = [(approval, record_url(approval)) for approval in decided]
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
