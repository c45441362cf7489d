from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from accounts.forms import UserChoiceField
from accounts.models import User
from accounts.selectors import staff_choices
from cmdb.models import ConfigurationItem
from core.actor import Actor
from core.forms import ActorForm
from core.permissions import is_limited_to_client
from core.timewindow import happened
from incidents.choices import Category, EscalationStatus, IncidentStatus, Level, NoteType, Severity
from incidents.models import Incident
from incidents.severity import BOOLEAN_CRITERIA

QUESTIONS = {
    "complete_outage": "Complete outage of business-critical services",
    "no_workaround": "No workaround exists",
    "enterprise_impact": "Enterprise-wide impact",
    "regulatory_implications": "Regulatory, safety or financial implications",
    "high_priority_customer": "A high-priority customer is affected",
    "recurrent_incident": "This incident is recurrent",
    "major_degradation": "Major degradation of service",
    "workaround_available": "A workaround is available",
    "multiple_departments": "Multiple departments, sites or critical functions affected",
    "sla_breach_risk": "Risk of breaching a high-priority SLA",
    "single_department": "Impact localised to a single department or function",
    "moderate_degradation": "Moderate degradation",
    "minimal_workaround": "Only a minimal workaround",
}


class IncidentCreateForm(ActorForm):
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    category = forms.ChoiceField(choices=Category.choices)
    impact = forms.ChoiceField(choices=Level.choices, initial=Level.MEDIUM)
    urgency = forms.ChoiceField(choices=Level.choices, initial=Level.MEDIUM)
    detection_time = forms.DateTimeField(
        validators=[happened],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="In your time zone.",
    )
    affected_parties_count = forms.IntegerField(min_value=0, initial=0, label="Affected parties (customers, sites)")
    severity = forms.ChoiceField(
        choices=[("", "From the assessment"), *Severity.choices],
        required=False,
        help_text="Leave on 'From the assessment' unless you must override it.",
    )
    assigned_to = UserChoiceField(queryset=User.objects.none(), required=False, label="Assignee")
    configuration_items = forms.ModelMultipleChoiceField(
        queryset=ConfigurationItem.objects.order_by("ci_name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        label="Affected configuration items",
    )
    problem = Incident._meta.get_field("problem").formfield(required=False)  # open tickets (limit_choices_to)

    def fields_for_actor(self, actor: Actor) -> None:
        """A client contact answers the assessment and leaves assignment and the problem to the service desk."""
        self.fields["assigned_to"].queryset = staff_choices()  # type: ignore[attr-defined]
        if actor.user is not None and is_limited_to_client(actor.user):
            for name in (
                "assigned_to",
                "problem",
                *(("severity",) if settings.TRACER_CONTACT_SEVERITY == "assessed" else ()),
            ):
                del self.fields[name]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in BOOLEAN_CRITERIA:
            self.fields[name] = forms.BooleanField(required=False, label=QUESTIONS[name])
        if not self.is_bound:
            self.initial.setdefault("detection_time", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))

    def question_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in BOOLEAN_CRITERIA]

    def assessment(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: bool(data.get(name)) for name in BOOLEAN_CRITERIA} | {
            "affected_parties_count": data.get("affected_parties_count") or 0
        }

    def incident_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = ("title", "description", "category", "impact", "urgency", "detection_time", "assigned_to", "problem")
        values = {name: data.get(name) for name in fields if data.get(name) not in (None, "")}
        if data.get("severity"):
            values["severity"] = data["severity"]
        return values


class IncidentUpdateForm(ActorForm):
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    category = forms.ChoiceField(choices=Category.choices)
    severity = forms.ChoiceField(choices=Severity.choices)
    impact = forms.ChoiceField(choices=Level.choices)
    urgency = forms.ChoiceField(choices=Level.choices)
    assigned_to = UserChoiceField(queryset=User.objects.none(), required=False, label="Assignee")
    problem = Incident._meta.get_field("problem").formfield(required=False)  # open tickets (limit_choices_to)

    def fields_for_actor(self, actor: Actor) -> None:
        self.fields["assigned_to"].queryset = staff_choices()  # type: ignore[attr-defined]


class TransitionForm(forms.Form):
    status = forms.ChoiceField(choices=IncidentStatus.choices)


class NoteForm(forms.Form):
    note_text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Note")
    note_type = forms.ChoiceField(choices=NoteType.choices, label="Type")


class AttachmentForm(forms.Form):
    file = forms.FileField()


class CILinkForm(ActorForm):
    ci = forms.ModelChoiceField(queryset=ConfigurationItem.objects.order_by("ci_name"), label="Configuration item")


class EscalationForm(ActorForm):
    escalated_to = UserChoiceField(queryset=User.objects.none(), label="Escalate to")
    escalation_reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Reason")

    def fields_for_actor(self, actor: Actor) -> None:
        others = staff_choices().exclude(pk=actor.user_id) if actor.user_id is not None else staff_choices()
        self.fields["escalated_to"].queryset = others  # type: ignore[attr-defined]


class EscalationStatusForm(forms.Form):
    status = forms.ChoiceField(choices=[c for c in EscalationStatus.choices if c[0] != EscalationStatus.PENDING])
