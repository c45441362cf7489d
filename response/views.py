"""Pages of the response cycle: one page per phase record (edit, submit, review, send), the post-mortem, and
the action item lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView

from core.permissions import can
from core.views import FilteredListView, PolicyRequiredMixin, ServiceActionView
from incidents.selectors import incident_get
from incidents.views import IncidentActionView
from response import selectors
from response.choices import GATE_LABELS, ActionSource, Phase
from response.filtersets import ActionItemFilterSet
from response.forms import ActionItemForm, ActionStatusForm, PhaseForm, ReviewForm
from response.models import ActionItem, PhaseRecord
from response.postmortem import postmortem_markdown
from response.services.actions import action_item_create, action_item_set_status
from response.services.communication import stakeholder_update_send
from response.services.phases import phase_actions, phase_review, phase_save, phase_submit
from response.services.postmortem import postmortem_generate


def _phase(value: str) -> str:
    if value not in Phase.values:
        raise Http404("No such phase.")
    return value


class PhaseView(PolicyRequiredMixin, TemplateView):
    required_permission = "cycle.view"
    template_name = "response/phase.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        incident = incident_get(actor=self.actor, pk=self.kwargs["pk"])
        phase = _phase(self.kwargs["phase"])
        record = PhaseRecord.objects.filter(incident=incident, phase=phase).select_related("author", "reviewer").first()
        context.update(
            incident=incident,
            phase=phase,
            phase_label=Phase(phase).label,
            gated=phase in GATE_LABELS,
            record=record,
            actions=phase_actions(actor=self.actor, phase=phase, record=record),
            form=PhaseForm(phase=phase, initial=PhaseForm.initial_from(record.content) if record else None),
            review_form=ReviewForm(),
            action_form=ActionItemForm(initial={"due_date": timezone.localdate() + dt.timedelta(days=14)}),
            action_items=list(ActionItem.objects.filter(incident=incident).select_related("owner"))
            if phase == Phase.POST_MORTEM
            else [],
            cycle=selectors.cycle_for(incident),
        )
        return context


class PhaseActionView(IncidentActionView):
    """An action on one phase record of the incident in the URL; it comes back to the phase page."""

    def redirect_url(self) -> str:
        return reverse("response:phase", args=[self.kwargs["pk"], self.kwargs["phase"]])


class PhaseSaveView(PhaseActionView):
    required_permission = "cycle.edit"
    form_class = PhaseForm
    success_message = "Saved."

    def form_kwargs(self) -> dict[str, Any]:
        return {**super().form_kwargs(), "phase": _phase(self.kwargs["phase"])}

    def perform(self, form: PhaseForm) -> PhaseRecord:
        return phase_save(actor=self.actor, incident=self.incident(), phase=form.phase, content=form.content())


class PhaseSubmitView(PhaseActionView):
    required_permission = "cycle.edit"
    form_class = forms.Form
    success_message = "Submitted for review."

    def perform(self, form: Any) -> PhaseRecord:
        return phase_submit(actor=self.actor, incident=self.incident(), phase=_phase(self.kwargs["phase"]))


class PhaseReviewView(PhaseActionView):
    required_permission = "gates.review"
    form_class = ReviewForm
    success_message = "Decision recorded."

    def perform(self, form: ReviewForm) -> PhaseRecord:
        return phase_review(
            actor=self.actor,
            incident=self.incident(),
            phase=_phase(self.kwargs["phase"]),
            approve=form.cleaned_data["decision"] == "approve",
            comment=form.cleaned_data.get("comment", ""),
        )


class StakeholderSendView(PhaseActionView):
    required_permission = "communications.send"
    form_class = forms.Form
    success_message = "Stakeholder update sent."

    def perform(self, form: Any) -> Any:
        return stakeholder_update_send(actor=self.actor, incident=self.incident())


class PostmortemGenerateView(PhaseActionView):
    required_permission = "cycle.edit"
    form_class = forms.Form
    success_message = "Post-mortem drafted from the incident."

    def perform(self, form: Any) -> PhaseRecord:
        return postmortem_generate(actor=self.actor, incident=self.incident())


class PostmortemMarkdownView(PolicyRequiredMixin, View):
    required_permission = "cycle.view"

    def get(self, request: HttpRequest, pk: int, phase: str = Phase.POST_MORTEM) -> HttpResponse:
        incident = incident_get(actor=self.actor, pk=pk)
        record = PhaseRecord.objects.filter(incident=incident, phase=Phase.POST_MORTEM).first()
        text = (record.content.get("markdown") if record else None) or postmortem_markdown(incident)
        response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{incident.incident_number}-post-mortem.md"'
        return response


class ActionItemCreateView(PhaseActionView):
    required_permission = "actions.manage"
    form_class = ActionItemForm
    success_message = "Action item added."

    def perform(self, form: ActionItemForm) -> ActionItem:
        data = dict(form.cleaned_data)
        return action_item_create(actor=self.actor, incident=self.incident(), owner=data.pop("owner"), **data)


class SourcedActionItemForm(ActionItemForm):
    source = forms.ChoiceField(choices=ActionSource.choices)
    back = forms.CharField(required=False)


class ActionItemAddView(IncidentActionView):
    """POST from an RCA or review page: an action item of that source on the incident, then back there."""

    required_permission = "actions.manage"
    form_class = SourcedActionItemForm
    success_message = "Action item added."

    def redirect_url(self) -> str:
        back = self.request.POST.get("back", "")
        if url_has_allowed_host_and_scheme(back, allowed_hosts={self.request.get_host()}):
            return back
        return reverse("workspace:incident-detail", args=[self.kwargs["pk"]])

    def perform(self, form: SourcedActionItemForm) -> ActionItem:
        data = dict(form.cleaned_data)
        data.pop("back", None)
        return action_item_create(actor=self.actor, incident=self.incident(), owner=data.pop("owner"), **data)


class ActionItemListView(FilteredListView):
    """The team's action items; `mine` narrows to the signed-in user's."""

    required_permission = "cycle.view"
    template_name = "response/action_items.html"
    filterset_class = ActionItemFilterSet
    sortable = {"due": "due_date", "priority": "priority", "status": "status"}
    default_sort = "due"
    mine = False

    def base_queryset(self) -> QuerySet[ActionItem]:
        items = selectors.action_item_list(actor=self.actor)
        return items.filter(owner_id=self.request.user.pk) if self.mine else items

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["mine"] = self.mine
        context["today"] = timezone.localdate()
        context["can_complete"] = can(self.actor, "actions.manage")
        return context


class ActionItemStatusView(ServiceActionView):
    required_permission = "actions.manage"
    form_class = ActionStatusForm
    success_message = "Action item is now {result.status}."

    def redirect_url(self) -> str:
        back = self.request.POST.get("back", "")
        if url_has_allowed_host_and_scheme(back, allowed_hosts={self.request.get_host()}):
            return back
        return reverse("response:action-items")

    def perform(self, form: ActionStatusForm) -> ActionItem:
        item = get_object_or_404(selectors.action_item_list(actor=self.actor), pk=self.kwargs["pk"])
        return action_item_set_status(actor=self.actor, item=item, status=form.cleaned_data["status"])
