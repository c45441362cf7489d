from typing import Any

from django import forms

from accounts.forms import UserChoiceField
from accounts.models import User
from accounts.selectors import staff_choices
from core.timewindow import picker_bounds, planned
from reports.choices import FISHBONE_CATEGORIES, AnalysisMethod, ReportType

WHY_COUNT = 5


class RCACreateForm(forms.Form):
    analysis_method = forms.ChoiceField(
        choices=AnalysisMethod.choices, initial=AnalysisMethod.FIVE_WHYS, label="Method"
    )
    assigned_to = UserChoiceField(queryset=User.objects.none(), label="Analyst")
    rca_title = forms.CharField(max_length=200, required=False, label="Title")
    due_date = forms.DateTimeField(
        validators=[planned],
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = staff_choices()  # type: ignore[attr-defined]
        self.fields["due_date"].widget.attrs.update(picker_bounds(with_time=True))


class RCAEditForm(forms.Form):
    """The analysis editor: the summary, plus the chain of whys or the fishbone's causes for those methods."""

    rca_title = forms.CharField(max_length=200, label="Title")
    root_cause_summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Summary")
    trigger = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Trigger")
    timeline = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Timeline of events")
    contributing_factors = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Contributing factors"
    )
    systemic_factors = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Systemic factors"
    )

    def __init__(self, *args: Any, method: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.method = method
        if method == AnalysisMethod.FIVE_WHYS:
            for index in range(1, WHY_COUNT + 1):
                self.fields[f"why_{index}"] = forms.CharField(required=False, label=f"Why {index}?")
            self.fields["root_cause"] = forms.CharField(required=False, label="Root cause")
        elif method == AnalysisMethod.FISHBONE:
            for name in FISHBONE_CATEGORIES:
                self.fields[f"cause_{name}"] = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 2}),
                    required=False,
                    label=name,
                    help_text="One cause per line.",
                )

    @staticmethod
    def initial_for(rca: Any) -> dict[str, Any]:
        initial = {"rca_title": rca.rca_title, "root_cause_summary": rca.root_cause_summary}
        analysis = rca.analysis or {}
        for name in ("trigger", "timeline", "contributing_factors", "systemic_factors"):
            initial[name] = analysis.get(name, "")
        for index, why in enumerate(analysis.get("whys", []), start=1):
            initial[f"why_{index}"] = why
        initial["root_cause"] = analysis.get("root_cause", "")
        for name, causes in (analysis.get("causes") or {}).items():
            initial[f"cause_{name}"] = "\n".join(causes)
        return initial

    def update_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        update: dict[str, Any] = {"rca_title": data["rca_title"], "root_cause_summary": data["root_cause_summary"]}
        narrative = {
            name: data.get(name, "") for name in ("trigger", "timeline", "contributing_factors", "systemic_factors")
        }
        if self.method == AnalysisMethod.FIVE_WHYS:
            whys = [data[f"why_{i}"] for i in range(1, WHY_COUNT + 1) if data.get(f"why_{i}", "").strip()]
            update["analysis"] = {"whys": whys, "root_cause": data.get("root_cause", ""), **narrative}
        elif self.method == AnalysisMethod.FISHBONE:
            update["analysis"] = {
                "causes": {name: data.get(f"cause_{name}", "").splitlines() for name in FISHBONE_CATEGORIES},
                **narrative,
            }
        else:
            update["analysis"] = narrative
        return update


class ReviewForm(forms.Form):
    scheduled_date = forms.DateTimeField(
        validators=[planned], widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    facilitator = UserChoiceField(queryset=User.objects.none())
    review_notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label="Notes")
    lessons_learned = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    action_items = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = staff_choices()  # type: ignore[attr-defined]


class ReportCreateForm(forms.Form):
    report_type = forms.ChoiceField(choices=ReportType.choices)
    report_title = forms.CharField(
        max_length=200, required=False, help_text="Left empty, it is named after the incident."
    )


class ReportEditForm(forms.Form):
    report_title = forms.CharField(max_length=200)
    report_content = forms.CharField(widget=forms.Textarea(attrs={"rows": 18}))


class StatusForm(forms.Form):
    status = forms.CharField()
