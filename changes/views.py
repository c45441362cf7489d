"""Change pages: the list, requesting a change, and the change page with its approvals and rollbacks."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse

from approvals.forms import ApprovalRequestForm
from approvals.services import approval_request_create
from changes import selectors, services
from changes.filtersets import ChangeFilterSet
from changes.forms import ChangeCreateForm, ChangeTransitionForm, RollbackForm
from changes.models import ChangeRequest, RollbackRequest
from core.views import FilteredListView, RecordDetailView, RecordFormView, ServiceActionView


class ChangeListView(FilteredListView):
    required_permission = "changes.view"
    template_name = "changes/change_list.html"
    filterset_class = ChangeFilterSet
    sortable = {"number": "change_number", "status": "status", "type": "change_type", "created": "created_at"}
    default_sort = "-number"

    def base_queryset(self) -> QuerySet[ChangeRequest]:
        return selectors.change_list(actor=self.actor)


class ChangeCreateView(RecordFormView):
    required_permission = "changes.request"
    template_name = "changes/change_form.html"
    form_class = ChangeCreateForm
    success_message = "{obj.change_number} requested."

    def get_initial(self) -> dict[str, Any]:
        return {key: self.request.GET.get(key) for key in ("incident", "problem") if self.request.GET.get(key)}

    def perform(self, form: ChangeCreateForm) -> ChangeRequest:
        data = {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}
        return services.change_create(actor=self.actor, **data)


class ChangeDetailView(RecordDetailView):
    required_permission = "changes.view"
    template_name = "changes/change_detail.html"
    context_object_name = "change"

    def get_object(self) -> ChangeRequest:
        self.detail = selectors.change_detail(actor=self.actor, pk=self.kwargs["pk"])
        return self.detail["change"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.detail)
        change = self.detail["change"]
        context.update(
            next_statuses=services.change_next_statuses(actor=self.actor, change=change),
            actions=services.change_actions(actor=self.actor, change=change),
            rollback_next={
                r.pk: services.rollback_next_statuses(actor=self.actor, rollback=r) for r in self.detail["rollbacks"]
            },
            rollback_form=RollbackForm(),
            approval_form=ApprovalRequestForm(),
        )
        return context


class ChangeActionView(ServiceActionView):
    def change(self) -> ChangeRequest:
        return selectors.change_get(actor=self.actor, pk=self.kwargs["pk"])

    def target(self) -> ChangeRequest:
        return self.change()

    def redirect_url(self) -> str:
        return reverse("changes:detail", args=[self.kwargs["pk"]])


class ChangeTransitionView(ChangeActionView):
    required_permission = "changes.manage"
    form_class = ChangeTransitionForm
    success_message = "{result.change_number} is now {result.status}."

    def perform(self, form: ChangeTransitionForm) -> ChangeRequest:
        return services.change_transition(
            actor=self.actor,
            change=self.change(),
            status=form.cleaned_data["status"],
            implementation_date=form.cleaned_data.get("implementation_date"),
        )


class RollbackCreateView(ChangeActionView):
    required_permission = "rollbacks.request"
    form_class = RollbackForm
    success_message = "{result.rollback_number} requested."

    def perform(self, form: RollbackForm) -> RollbackRequest:
        return services.rollback_create(
            actor=self.actor,
            change=self.change(),
            rollback_reason=form.cleaned_data["rollback_reason"],
            incident=form.cleaned_data.get("incident_number"),
        )


class ChangeApprovalRequestView(ChangeActionView):
    required_permission = "approvals.request"
    form_class = ApprovalRequestForm
    success_message = "Approval requested from {result.approver.full_name}."

    def perform(self, form: ApprovalRequestForm) -> Any:
        return approval_request_create(
            actor=self.actor,
            reference_type="change",
            reference_id=self.change().pk,
            approver=form.cleaned_data["approver"],
        )


class RollbackTransitionView(ServiceActionView):
    required_permission = "rollbacks.manage"
    form_class = ChangeTransitionForm
    success_message = "{result.rollback_number} is now {result.status}."

    def rollback(self) -> RollbackRequest:
        return get_object_or_404(selectors.rollback_list(actor=self.actor), pk=self.kwargs["pk"])

    def target(self) -> RollbackRequest:
        return self.rollback()

    def redirect_url(self) -> str:
        return reverse("changes:detail", args=[self.rollback().change_id])

    def perform(self, form: ChangeTransitionForm) -> RollbackRequest:
        return services.rollback_transition(
            actor=self.actor, rollback=self.rollback(), status=form.cleaned_data["status"]
        )
