"""Pages that show several apps at once: each part comes from its app's selectors, each offered action from
its app's services (the page never decides a rule itself)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.generic import TemplateView

from accounts import selectors as account_selectors
from accounts.models import Client
from approvals.forms import ApprovalRequestForm
from bridges.forms import BridgeOpenForm, ParticipantForm
from bridges.services import bridge_open_allowed
from changes.services import change_request_allowed
from cmdb.selectors import ci_list_for_client
from communications.forms import StatusUpdateForm
from core.forms import offer
from core.permissions import AUTHENTICATED, can
from core.views import PolicyRequiredMixin, RecordDetailView
from incidents.choices import SEVERITY_RANK
from incidents.forms import AttachmentForm, CILinkForm, EscalationForm, NoteForm, TransitionForm
from incidents.models import Incident
from incidents.services import command_open, incident_actions, incident_closing_refusal, incident_next_statuses
from incidents.severity import REASONS
from incidents.transitions import ACTIVE_STATUSES
from problems.forms import ProblemCIForm, ProblemIncidentForm
from problems.models import Problem
from problems.services import problem_actions, problem_next_statuses
from reports.services import learning_actions, learning_actions_for_problem
from sla.forms import BusinessCalendarForm
from sla.models import BusinessCalendar
from sla.selectors import sla_agreement_list
from workspace import selectors
from workspace.timeline import KINDS, incident_timeline, timeline_filter


class HomeView(PolicyRequiredMixin, TemplateView):
    """The signed-in landing page: what there is to look at, by role."""

    required_permission = AUTHENTICATED
    template_name = "workspace/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["summary"] = selectors.home_summary(actor=self.actor)
        return context


class SystemStatusView(PolicyRequiredMixin, TemplateView):
    """For administrators: the database, the broker, the scheduler's last heartbeat and the outbox."""

    required_permission = "ops.view"
    template_name = "workspace/system_status.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["status"] = selectors.system_overview()
        return context


class IncidentDetailView(RecordDetailView):
    """Everything about one incident on one page, with only the actions this user may take now."""

    required_permission = "incidents.view"
    template_name = "workspace/incident_detail.html"
    context_object_name = "incident"

    def get_object(self) -> Incident:
        self.forms = {
            "ci_form": CILinkForm(actor=self.actor),
            "escalation_form": EscalationForm(actor=self.actor),
            "participant_form": ParticipantForm(),
        }
        pickers = {}
        if can(self.actor, "incidents.link_ci"):
            pickers["cis"] = self.forms["ci_form"].fields["ci"].queryset  # type: ignore[attr-defined]
        if can(self.actor, "incidents.escalate") or can(self.actor, "bridges.manage"):
            pickers["staff"] = self.forms["participant_form"].fields["user"].queryset  # type: ignore[attr-defined]
        self.detail = selectors.incident_page(actor=self.actor, pk=self.kwargs["pk"], pickers=pickers)
        picked = self.detail.pop("picked")
        if "cis" in picked:
            offer(self.forms["ci_form"].fields["ci"], picked["cis"])
        if "staff" in picked:
            offer(self.forms["participant_form"].fields["user"], picked["staff"])
            self.forms["escalation_form"].offer_staff(picked["staff"])  # type: ignore[attr-defined]
        return self.detail["incident"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.pop("audit_trail", None)  # the incident page shows its own, wider, timeline
        context.update(self.detail)
        incident: Incident = self.detail["incident"]
        bridges = self.detail["bridges"]
        actions = set(incident_actions(actor=self.actor, incident=incident))
        actions |= learning_actions(actor=self.actor, incident=incident)
        if bridge_open_allowed(actor=self.actor, incident=incident, bridges=bridges):
            actions.add("open_bridge")
        if can(self.actor, "bridges.manage"):
            actions.add("manage_bridge")
        if change_request_allowed(actor=self.actor, incident=incident):
            actions.add("request_change")
        if can(self.actor, "status.post") and incident.status != "closed":
            actions.add("post_status")
        if can(self.actor, "incidents.command") and command_open(incident):
            actions.add("take_command")
        if incident.status == "closed":
            actions -= {"open_bridge", "manage_bridge", "request_change", "post_status"}
        if can(self.actor, "audit.view"):
            actions.add("view_audit")
        context.update(
            actions=frozenset(actions),
            next_statuses=incident_next_statuses(actor=self.actor, incident=incident),
            closing_refusal=incident_closing_refusal(actor=self.actor, incident=incident)
            if can(self.actor, "incidents.transition")
            else None,
            active_bridge=next((b for b in bridges if b.status == "active"), None),
            is_active=incident.status in ACTIVE_STATUSES,
            # The forms of actions the page may not offer now are built only if the page shows them.
            note_form=SimpleLazyObject(lambda: NoteForm(initial={"note_type": "progress_update"})),
            attachment_form=SimpleLazyObject(AttachmentForm),
            **self.forms,
            bridge_form=SimpleLazyObject(BridgeOpenForm),
            approval_form=SimpleLazyObject(ApprovalRequestForm),
            status_form=SimpleLazyObject(StatusUpdateForm),
            severity_rank=SEVERITY_RANK.get(incident.severity, 4),
            now=timezone.now(),
            command_waiting=command_open(incident),
            severity_reasons=[
                REASONS.get(label, label) for label in (incident.severity_assessment or {}).get("decided_by", [])
            ],
            transition_form=SimpleLazyObject(TransitionForm),
        )
        if self.detail["internal"]:
            kind = self.request.GET.get("kind")
            entries = incident_timeline(
                incident,
                trail=self.detail["trail"],
                holders=self.detail["holders"],
                notes=self.detail["notes"],
                escalations=self.detail["escalations"],
                communications=self.detail["communications"],
                status_updates=self.detail["status_updates"],
                bridges=bridges,
            )
            shown, counts = timeline_filter(entries, kind)
            context.update(entries=shown, entry_counts=counts, entry_kind=kind or "", entry_kinds=KINDS)
        return context


class ClientDetailView(RecordDetailView):
    """A client with its contacts, configuration items, agreements and business calendar."""

    required_permission = "clients.view"
    template_name = "workspace/client_detail.html"
    context_object_name = "client"

    def get_object(self) -> Client:
        return account_selectors.client_get(actor=self.actor, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        client = context["client"]
        context["contacts"] = account_selectors.user_list(actor=self.actor).filter(client=client)[:100]
        context["configuration_items"] = ci_list_for_client(actor=self.actor, client=client)
        context["agreements"] = sla_agreement_list(actor=self.actor).filter(client=client)
        calendar = BusinessCalendar.objects.filter(client=client).first()
        context["calendar"] = calendar
        context["calendar_form"] = BusinessCalendarForm(
            initial={name: getattr(calendar, name) for name in ("working_days", "opens", "closes", "timezone")}
            if calendar
            else None
        )
        return context


class ProblemDetailView(RecordDetailView):
    """A problem ticket with its incidents, CIs and notes, and the changes and RCAs that work on it."""

    required_permission = "problems.view"
    template_name = "workspace/problem_detail.html"
    context_object_name = "problem"

    def get_object(self) -> Problem:
        self.detail = selectors.problem_page(actor=self.actor, pk=self.kwargs["pk"])
        return self.detail["problem"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.detail)
        problem: Problem = self.detail["problem"]
        actions = set(problem_actions(actor=self.actor, problem=problem))
        actions |= learning_actions_for_problem(actor=self.actor, problem=problem)
        if change_request_allowed(actor=self.actor):
            actions.add("request_change")
        context.update(
            actions=frozenset(actions),
            next_statuses=problem_next_statuses(actor=self.actor, problem=problem),
            incident_form=ProblemIncidentForm(),
            ci_form=ProblemCIForm(),
            note_form=NoteForm(initial={"note_type": "progress_update"}),
        )
        return context
