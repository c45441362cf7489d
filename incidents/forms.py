from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from accounts.forms import UserChoiceField
from accounts.models import User
from accounts.selectors import staff_choices
from cmdb.models import ConfigurationItem
from core.actor import Actor
from core.forms import ActorForm, RecordChoiceField, RecordMultipleChoiceField, offer
from core.permissions import is_limited_to_client
from core.timewindow import happened
from incidents.choices import Category, EscalationStatus, IncidentStatus, Level, NoteType, ResolutionCode, Severity
from incidents.models import Incident
from incidents.severity import BOOLEAN_CRITERIA

QUESTIONS: dict[str, tuple[str, str]] = {
    "complete_outage": ("Is a business-critical service completely down?", "Nobody can use it at all."),
    "major_degradation": ("Is it badly degraded?", "Most requests fail or are very slow."),
    "moderate_degradation": ("Is it moderately degraded?", "It works, slower or with some errors."),
    "no_workaround": ("Is there no workaround?", "People cannot get their work done another way."),
    "minimal_workaround": ("Is there only a poor workaround?", "Possible, but slow or manual."),
    "workaround_available": ("Is there a workable workaround?", "People can carry on another way for now."),
    "enterprise_impact": ("Is the whole enterprise affected?", "Every site or every customer."),
    "multiple_departments": (
        "Are several departments, sites or critical functions affected?",
        "More than one team or place.",
    ),
    "single_department": ("Is it limited to one department or function?", "One team or one place only."),
    "high_priority_customer": ("Is a high-priority customer affected?", "A customer on a premium agreement."),
    "regulatory_implications": (
        "Are there regulatory, safety or financial implications?",
        "A report to a regulator, a risk to people, money lost.",
    ),
    "sla_breach_risk": ("Could a high-priority SLA be breached?", "A response or resolution target is close."),
    "recurrent_incident": ("Has this happened before?", "The same failure came back."),
}
QUESTION_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("How bad is it? (one answer)", ("complete_outage", "major_degradation", "moderate_degradation")),
    ("Can people work around it? (one answer)", ("no_workaround", "minimal_workaround", "workaround_available")),
    ("Who is affected?", ("enterprise_impact", "multiple_departments", "single_department", "high_priority_customer")),
    ("What else is at stake?", ("regulatory_implications", "sla_breach_risk", "recurrent_incident")),
)


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
    configuration_items = RecordMultipleChoiceField(
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
            question, help_text = QUESTIONS[name]
            self.fields[name] = forms.BooleanField(required=False, label=question, help_text=help_text)
        if not self.is_bound:
            self.initial.setdefault("detection_time", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))

    def question_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(title, [self[name] for name in names]) for title, names in QUESTION_GROUPS]

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
    resolution_code = forms.ChoiceField(
        choices=[("", "Choose…"), *ResolutionCode.choices], required=False, label="Resolution"
    )
    resolution_notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000, label="What was done"
    )


class NoteForm(forms.Form):
    note_text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Note")
    note_type = forms.ChoiceField(choices=NoteType.choices, label="Type")


class AttachmentForm(forms.Form):
    file = forms.FileField()


class CILinkForm(ActorForm):
    ci = RecordChoiceField(queryset=ConfigurationItem.objects.order_by("ci_name"), label="Configuration item")


class EscalationForm(ActorForm):
    escalated_to = UserChoiceField(queryset=User.objects.none(), label="Escalate to")
    escalation_reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Reason")

    def fields_for_actor(self, actor: Actor) -> None:
        others = staff_choices().exclude(pk=actor.user_id) if actor.user_id is not None else staff_choices()
        self.fields["escalated_to"].queryset = others  # type: ignore[attr-defined]

    def offer_staff(self, staff: Iterable[User]) -> None:
        """The staff already read (`staff_choices`), offered as the queryset does: all but the actor."""
        offer(self.fields["escalated_to"], (person for person in staff if person.pk != self.actor.user_id))


class EscalationStatusForm(forms.Form):
    status = forms.ChoiceField(choices=[c for c in EscalationStatus.choices if c[0] != EscalationStatus.PENDING])
