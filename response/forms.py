"""Forms of the cycle's records, built from what each phase holds (response.content)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.dateparse import parse_datetime

from accounts.forms import UserChoiceField
from accounts.models import User
from accounts.selectors import staff_choices
from core.forms import RecordMultipleChoiceField
from core.timewindow import picker_bounds, planned
from response.choices import ActionStatus, Horizon, Priority
from response.content import AUDIENCES, FIELDS, NEXT_UPDATE_WITHIN

LABELS = {
    "users_impact": "Impact on users", "services_impact": "Impact on services", "data_impact": "Impact on data",
    "ongoing": "Still ongoing", "hypothesis": "Initial hypothesis", "immediate_actions": "Immediate actions",
    "incident_commander": "Incident commander", "communications_lead": "Communications lead",
    "investigators": "Investigators", "audience": "Audience", "what_happened": "What happened",
    "status": "Current status", "next_steps": "Next steps", "next_update_at": "Next update",
    "strategy": "Strategy", "steps": "Steps and results (one per line: step | result)",
    "metrics_before": "Metrics before", "metrics_after": "Metrics after", "residual_risk": "Residual risk",
    "summary": "Summary", "went_well": "What went well", "went_poorly": "What went poorly", "lessons": "Lessons",
}  # fmt: skip


class PhaseForm(forms.Form):
    def __init__(self, *args: Any, phase: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.phase = phase
        for name, kind in FIELDS[phase].items():
            if name == "markdown":
                continue
            label = LABELS.get(name, name)
            if name == "audience":
                self.fields[name] = forms.ChoiceField(choices=[(a, a.capitalize()) for a in AUDIENCES], label=label)
            elif kind is bool:
                self.fields[name] = forms.BooleanField(required=False, label=label)
            elif kind is int:
                self.fields[name] = UserChoiceField(queryset=staff_choices(), required=False, label=label)
            elif name == "next_update_at":
                self.fields[name] = forms.DateTimeField(
                    required=False,
                    label=label,
                    help_text="When the next update goes out: from now to seven days ahead.",
                    widget=forms.DateTimeInput(
                        attrs={"type": "datetime-local", **picker_bounds(NEXT_UPDATE_WITHIN, with_time=True)},
                        format="%Y-%m-%dT%H:%M",
                    ),
                )
            elif name == "investigators":
                self.fields[name] = RecordMultipleChoiceField(
                    queryset=staff_choices(),
                    required=False,
                    label=label,
                    widget=forms.SelectMultiple(attrs={"size": 4}),
                )
            else:
                self.fields[name] = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 2}), required=False, label=label
                )

    @staticmethod
    def initial_from(content: dict[str, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = dict(content)
        if content.get("next_update_at"):
            initial["next_update_at"] = parse_datetime(content["next_update_at"])
        if "steps" in content:
            initial["steps"] = "\n".join(f"{s.get('step', '')} | {s.get('result', '')}" for s in content["steps"])
        return initial

    def content(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if isinstance(value, User):
                data[name] = value.pk
            elif isinstance(value, dt.datetime):
                data[name] = value.isoformat()
            elif name == "investigators":
                data[name] = [user.pk for user in value]
            elif name == "steps":
                steps = []
                for line in str(value).splitlines():
                    if line.strip():
                        step, _, result = line.partition("|")
                        steps.append({"step": step.strip(), "result": result.strip()})
                data[name] = steps
            else:
                data[name] = value
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("revise", "Send back")])
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ActionItemForm(forms.Form):
    title = forms.CharField(max_length=200)
    owner = UserChoiceField(queryset=User.objects.none())
    due_date = forms.DateField(
        validators=[planned],
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="From today to two years ahead.",
    )
    priority = forms.ChoiceField(choices=Priority.choices, initial=Priority.MEDIUM)
    horizon = forms.ChoiceField(choices=Horizon.choices, initial=Horizon.SHORT_TERM)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff_choices()  # type: ignore[attr-defined]
        self.fields["due_date"].widget.attrs.update(picker_bounds())


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ActionStatus.choices)
