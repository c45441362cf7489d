from typing import Any

from django import forms

from accounts.forms import UserChoiceField
from accounts.models import User
from changes.choices import ChangeType, RiskLevel
from core.forms import RecordChoiceField
from core.timewindow import planned
from incidents.models import Incident
from problems.models import Problem


class ChangeCreateForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    change_type = forms.ChoiceField(choices=ChangeType.choices, initial=ChangeType.NORMAL)
    risk_level = forms.ChoiceField(choices=RiskLevel.choices, initial=RiskLevel.MEDIUM)
    incident = RecordChoiceField(queryset=Incident.objects.exclude(status="closed").order_by("-id"), required=False)
    problem = RecordChoiceField(queryset=Problem.objects.exclude(status="closed").order_by("-id"), required=False)
    approver = UserChoiceField(
        queryset=User.objects.none(), required=False, help_text="Emergency changes: the executive who must approve."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approver"].queryset = User.objects.filter(role="executive", status="active").order_by("last_name")  # type: ignore[attr-defined]


class ChangeTransitionForm(forms.Form):
    status = forms.CharField()
    implementation_date = forms.DateTimeField(
        validators=[planned],
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class RollbackForm(forms.Form):
    rollback_reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Why roll back")
    incident_number = forms.CharField(max_length=12, required=False, label="Incident it caused (number)")

    def clean_incident_number(self) -> Incident | None:
        number = self.cleaned_data["incident_number"].strip().upper()
        if not number:
            return None
        incident = Incident.objects.filter(incident_number=number).first()
        if incident is None:
            raise forms.ValidationError(f"No incident {number}.")
        return incident
