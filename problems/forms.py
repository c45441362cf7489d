from typing import Any

from django import forms

from accounts.forms import UserChoiceField
from accounts.models import User
from accounts.selectors import staff_choices
from cmdb.models import ConfigurationItem
from core.forms import RecordChoiceField, RecordMultipleChoiceField
from core.timewindow import happened
from incidents.forms import NoteForm
from incidents.models import Incident
from problems.choices import ProblemCategory

__all__ = [
    "NoteForm",
    "ProblemCIForm",
    "ProblemCreateForm",
    "ProblemIncidentForm",
    "ProblemStatusForm",
    "ProblemUpdateForm",
]


class ProblemUpdateForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    category = forms.ChoiceField(choices=ProblemCategory.choices)
    assigned_to = UserChoiceField(queryset=User.objects.none(), required=False, label="Assignee")
    detected_at = forms.DateTimeField(
        validators=[happened],
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = staff_choices()  # type: ignore[attr-defined]


class IncidentChoiceField(RecordMultipleChoiceField):
    def label_from_instance(self, obj: Incident) -> str:
        return f"{obj.incident_number} {obj.title}"


class ProblemCreateForm(ProblemUpdateForm):
    incidents = IncidentChoiceField(
        queryset=Incident.objects.exclude(status="closed").order_by("-id"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="Each is linked and noted, and its incident manager is told.",
    )


class ProblemStatusForm(forms.Form):
    status = forms.CharField()


class ProblemIncidentForm(forms.Form):
    incident_number = forms.CharField(max_length=12, label="Incident number")

    def clean_incident_number(self) -> Incident:
        number = self.cleaned_data["incident_number"].strip().upper()
        incident = Incident.objects.filter(incident_number=number).first()
        if incident is None:
            raise forms.ValidationError(f"No incident {number}.")
        return incident


class ProblemCIForm(forms.Form):
    ci = RecordChoiceField(queryset=ConfigurationItem.objects.order_by("ci_name"), label="Configuration item")
