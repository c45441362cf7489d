"""The incident pages: the queue, creation with the live severity assessment, and the incident page."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View

from approvals.forms import ApprovalRequestForm
from approvals.services import approval_request_create
from core.errors import NotFound
from core.views import FilteredListView, PolicyRequiredMixin, RecordFormView, ServiceActionView
from incidents import selectors, services
from incidents.filtersets import IncidentFilterSet
from incidents.forms import (
    AttachmentForm,
    CILinkForm,
    EscalationForm,
    EscalationStatusForm,
    IncidentCreateForm,
    IncidentUpdateForm,
    NoteForm,
    TransitionForm,
)
from incidents.models import Escalation, Incident, WorkNote
from incidents.services.incidents import UPDATE_FIELDS


class IncidentListView(FilteredListView):
    required_permission = "incidents.view"
    template_name = "incidents/incident_list.html"
    filterset_class = IncidentFilterSet
    sortable = {  # each order is read from an index (equal severities or statuses: newest detection first)
        "number": "incident_number",
        "detected": "detection_time",
        "severity": ("severity", "detection_time"),
        "status": ("status", "detection_time"),
        "title": "title",
    }
    default_sort = "-detected"
    first_page_kept = True  # staff see every incident; the client box offers every client
    columns = ("incident_number", "severity", "title", "status", "category", "detection_time",
               "assigned_to__first_name", "assigned_to__last_name")  # fmt: skip

    def base_queryset(self) -> QuerySet[Incident]:
        return selectors.incident_list(actor=self.actor)


class IncidentCreateView(RecordFormView):
    required_permission = "incidents.create"
    template_name = "incidents/incident_create.html"
    form_class = IncidentCreateForm
    success_message = "{obj.incident_number} created."

    def perform(self, form: IncidentCreateForm) -> Incident:
        answered = any(form.assessment().values())
        return services.incident_create(
            actor=self.actor,
            reported_by=self.request.user.pk,
            assessment=form.assessment() if answered or not form.cleaned_data.get("severity") else None,
            configuration_items=list(form.cleaned_data.get("configuration_items") or []),
            **form.incident_data(),
        )


class IncidentUpdateView(RecordFormView):
    required_permission = "incidents.update"
    template_name = "incidents/incident_edit.html"
    form_class = IncidentUpdateForm
    success_message = "{obj.incident_number} saved."

    def get_object(self) -> Incident:
        return selectors.incident_get(actor=self.actor, pk=self.kwargs["pk"])

    def get_initial(self) -> dict[str, Any]:
        return {name: getattr(self.instance, name) for name in UPDATE_FIELDS}

    def perform(self, form: IncidentUpdateForm) -> Incident:
        return services.incident_update(actor=self.actor, incident=self.instance, data=dict(form.cleaned_data))


class IncidentActionView(ServiceActionView):
    """Base of the incident page's actions: they act on the incident in the URL and come back to its page."""

    def incident(self) -> Incident:
        if not hasattr(self, "_incident"):
            self._incident = selectors.incident_get(actor=self.actor, pk=self.kwargs["pk"])
        return self._incident

    def target(self) -> Incident:
        return self.incident()

    def redirect_url(self) -> str:
        return reverse("workspace:incident-detail", args=[self.kwargs["pk"]])


class IncidentTransitionView(IncidentActionView):
    required_permission = "incidents.transition"
    form_class = TransitionForm
    success_message = "{result.incident_number} is now {result.status}."

    def perform(self, form: TransitionForm) -> Incident:
        return services.incident_transition(actor=self.actor, incident=self.incident(), **form.cleaned_data)


class TakeCommandView(IncidentActionView):
    required_permission = "incidents.command"
    form_class = forms.Form
    success_message = "You hold {result.incident_number} now; its bridge is open."

    def perform(self, form: forms.Form) -> Incident:
        return services.incident_take_command(actor=self.actor, incident=self.incident())


class NoteCreateView(IncidentActionView):
    required_permission = "incidents.note"
    form_class = NoteForm
    success_message = "Note added."

    def perform(self, form: NoteForm) -> WorkNote:
        return services.work_note_create(actor=self.actor, incident=self.incident(), **form.cleaned_data)


class NoteUpdateView(RecordFormView):
    required_permission = "incidents.note"
    template_name = "incidents/note_edit.html"
    form_class = NoteForm
    success_message = "Note saved; the earlier text stays in the history."

    def get_object(self) -> WorkNote:
        note = selectors.work_note_list(actor=self.actor).filter(pk=self.kwargs["pk"], incident__isnull=False).first()
        if note is None:
            raise NotFound("No such note.")
        return note

    def get_initial(self) -> dict[str, Any]:
        return {"note_text": self.instance.note_text, "note_type": self.instance.note_type}

    def perform(self, form: NoteForm) -> WorkNote:
        return services.work_note_update(actor=self.actor, note=self.instance, data=dict(form.cleaned_data))

    def get_success_url(self) -> str:
        return reverse("workspace:incident-detail", args=[self.object.incident_id])


class AttachmentUploadView(IncidentActionView):
    required_permission = "incidents.attach"
    form_class = AttachmentForm
    success_message = "{result.file_name} attached."

    def perform(self, form: AttachmentForm) -> Any:
        return services.attachment_upload(actor=self.actor, incident=self.incident(), upload=form.cleaned_data["file"])


class AttachmentDownloadView(PolicyRequiredMixin, View):
    required_permission = "incidents.view"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        attachment = get_object_or_404(selectors.attachment_list(actor=self.actor), pk=kwargs["pk"])
        if not attachment.file:
            raise NotFound("Only this file's metadata was imported; it is stored elsewhere.")
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.file_name,
            content_type=attachment.content_type or "application/octet-stream",
        )


class CILinkView(IncidentActionView):
    """POST: link a configuration item to the incident (SOP 10), or unlink it with `remove`."""

    required_permission = "incidents.link_ci"
    form_class = CILinkForm
    success_message = "{result}"

    def perform(self, form: CILinkForm) -> str:
        ci = form.cleaned_data["ci"]
        if self.request.POST.get("remove"):
            services.incident_unlink_ci(actor=self.actor, incident=self.incident(), ci=ci)
            return f"{ci.ci_name} unlinked."
        services.incident_link_ci(actor=self.actor, incident=self.incident(), ci=ci)
        return f"{ci.ci_name} linked."


class EscalationCreateView(IncidentActionView):
    required_permission = "incidents.escalate"
    form_class = EscalationForm
    success_message = "Escalated to {result.escalated_to.full_name}."

    def perform(self, form: EscalationForm) -> Escalation:
        return services.escalation_create(
            actor=self.actor,
            incident=self.incident(),
            escalated_to=form.cleaned_data["escalated_to"],
            escalation_reason=form.cleaned_data["escalation_reason"],
        )


class EscalationStatusView(ServiceActionView):
    required_permission = "incidents.view"
    form_class = EscalationStatusForm
    success_message = "Escalation {result.status}."

    def escalation(self) -> Escalation:
        return get_object_or_404(selectors.escalation_list(actor=self.actor), pk=self.kwargs["pk"])

    def target(self) -> Escalation:
        return self.escalation()

    def redirect_url(self) -> str:
        return reverse("workspace:incident-detail", args=[self.escalation().incident_id])

    def perform(self, form: EscalationStatusForm) -> Escalation:
        return services.escalation_set_status(
            actor=self.actor, escalation=self.escalation(), status=form.cleaned_data["status"]
        )


class ClosureApprovalView(IncidentActionView):
    """POST: ask someone to approve closing a resolved incident (SOP 20); their approval closes it."""

    required_permission = "approvals.request"
    form_class = ApprovalRequestForm
    success_message = "Closure approval requested from {result.approver.full_name}."

    def perform(self, form: ApprovalRequestForm) -> Any:
        return approval_request_create(
            actor=self.actor,
            reference_type="incident_closure",
            reference_id=self.incident().pk,
            approver=form.cleaned_data["approver"],
        )
