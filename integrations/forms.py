"""The integration pages' forms: a new source, its routing, a new webhook, sending a delivery again."""

from __future__ import annotations

from typing import Any

from django import forms

from accounts.selectors import client_list
from integrations.choices import IntegrationKind
from integrations.models import Integration
from integrations.services.webhooks import EVENTS


class EmptyForm(forms.Form):
    """An action that takes nothing but the button."""


class IntegrationForm(forms.Form):
    name = forms.CharField(max_length=120)
    kind = forms.ChoiceField(choices=IntegrationKind.choices)
    client = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    auto_resolve = forms.BooleanField(required=False, label="Resolve the incident when every alert has resolved")

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        clients = [("", "No client"), *((c.pk, c.client_name) for c in client_list(actor=actor))]
        self.fields["client"].choices = clients  # type: ignore[attr-defined]


class RoutingForm(forms.Form):
    """The routing of one source, as a page edits it (the API takes the same through PATCH)."""

    name = forms.CharField(max_length=120)
    ci_label = forms.CharField(label="Label naming the configuration item")
    severity_label = forms.CharField(label="Label giving the severity")
    severity_map = forms.CharField(
        label="Severity values", help_text="value=P1, one per comma: critical=P1, warning=P3"
    )
    default_severity = forms.ChoiceField(choices=[(s, s) for s in ("P1", "P2", "P3", "P4")], label="Otherwise")
    title_template = forms.CharField(
        label="Incident title", help_text="{label} or {annotation} names, e.g. {alertname}"
    )
    group_window_minutes = forms.IntegerField(min_value=0, max_value=1440, label="Group window (minutes)")
    policy = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Page")
    auto_resolve = forms.BooleanField(required=False, label="Resolve the incident when every alert has resolved")
    rate_per_minute = forms.IntegerField(min_value=1, max_value=100_000, label="Deliveries a minute")
    enabled = forms.BooleanField(required=False, label="Receiving")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from oncall.models import EscalationPolicy

        policies = [
            ("", "The incident's own policy"),
            *EscalationPolicy.objects.order_by("name").values_list("pk", "name"),
        ]
        self.fields["policy"].choices = policies  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(integration: Integration) -> dict[str, Any]:
        rules = integration.rules
        mapping = ", ".join(f"{value}={level}" for value, level in rules.get("severity_map", {}).items())
        return {
            **{name: rules.get(name) for name in ("ci_label", "severity_label", "default_severity", "title_template",
                                                  "group_window_minutes")},
            "severity_map": mapping, "name": integration.name, "policy": integration.policy_id,
            "auto_resolve": integration.auto_resolve, "rate_per_minute": integration.rate_per_minute,
            "enabled": integration.enabled,
        }  # fmt: skip

    def data_for_service(self) -> dict[str, Any]:
        data = self.cleaned_data
        mapping = {}
        for pair in str(data["severity_map"]).split(","):
            value, _, level = pair.partition("=")
            if value.strip():
                mapping[value.strip().lower()] = level.strip().upper()
        rules = {name: data[name] for name in ("ci_label", "severity_label", "default_severity", "title_template",
                                               "group_window_minutes")}  # fmt: skip
        return {
            "name": data["name"], "rules": {**rules, "severity_map": mapping}, "policy": data["policy"],
            "auto_resolve": data["auto_resolve"], "rate_per_minute": data["rate_per_minute"],
            "enabled": data["enabled"],
        }  # fmt: skip


class WebhookForm(forms.Form):
    url = forms.URLField(label="Receiver URL", max_length=1000, assume_scheme="https",
                         help_text="Where each event is POSTed, signed (http or https).")  # fmt: skip
    events = forms.MultipleChoiceField(
        choices=[(event, event) for event in EVENTS], widget=forms.CheckboxSelectMultiple
    )
    client = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Only the events of")

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        clients = [("", "Every client"), *((c.pk, c.client_name) for c in client_list(actor=actor))]
        self.fields["client"].choices = clients  # type: ignore[attr-defined]


class WebhookSwitchForm(forms.Form):
    enabled = forms.BooleanField(required=False)


class RedeliverForm(forms.Form):
    delivery = forms.IntegerField()
