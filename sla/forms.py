from django import forms

from accounts.models import Client
from core.forms import RecordChoiceField
from core.timewindow import planned
from sla.choices import AgreementStatus, SLATier, SupportCoverage


class SLAAgreementForm(forms.Form):
    client = RecordChoiceField(queryset=Client.objects.order_by("client_name"))
    tier = forms.ChoiceField(choices=SLATier.choices)
    support_coverage = forms.ChoiceField(choices=SupportCoverage.choices)
    effective_date = forms.DateField(validators=[planned], widget=forms.DateInput(attrs={"type": "date"}))
    expiration_date = forms.DateField(
        validators=[planned], widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    status = forms.ChoiceField(choices=AgreementStatus.choices, initial=AgreementStatus.ACTIVE)


class SLAAgreementUpdateForm(SLAAgreementForm):
    client = None  # type: ignore[assignment]


class BusinessCalendarForm(forms.Form):
    working_days = forms.CharField(max_length=20, initial="0,1,2,3,4", help_text="0 = Monday ... 6 = Sunday.")
    opens = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}), initial="09:00")
    closes = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}), initial="17:00")
    timezone = forms.CharField(max_length=64, initial="UTC")
