from django import forms

from accounts.models import Client, User
from cmdb.choices import CIType, Environment, OperationalStatus
from core.forms import RecordChoiceField


class ConfigurationItemForm(forms.Form):
    ci_name = forms.CharField(max_length=120, label="Name")
    ci_type = forms.ChoiceField(choices=CIType.choices, label="Type")
    environment = forms.ChoiceField(choices=Environment.choices)
    operational_status = forms.ChoiceField(choices=OperationalStatus.choices, initial=OperationalStatus.OPERATIONAL)
    responsible_owner = RecordChoiceField(
        queryset=User.objects.filter(status="active").exclude(role="client_contact").order_by("last_name", "first_name")
    )


class ClientAssignmentForm(forms.Form):
    client = RecordChoiceField(queryset=Client.objects.order_by("client_name"))
