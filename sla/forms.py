from django import forms

from accounts.models import Client
from sla.choices import AgreementStatus, SLATier, SupportCoverage


class SLAAgreementForm(forms.Form):
    client = forms.ModelChoiceField(queryset=Client.objects.order_by("client_name"))
    tier = forms.ChoiceField(choices=SLATier.choices)
    support_coverage = forms.ChoiceField(choices=SupportCoverage.choices)
    effective_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    expiration_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    status = forms.ChoiceField(choices=AgreementStatus.choices, initial=AgreementStatus.ACTIVE)


class SLAAgreementUpdateForm(SLAAgreementForm):
    client = None  # type: ignore[assignment]
