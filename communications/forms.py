from django import forms

from communications.choices import PublicStatus


class StatusUpdateForm(forms.Form):
    public_status = forms.ChoiceField(choices=PublicStatus.choices, label="Public status")
    headline = forms.CharField(max_length=200, required=False, help_text="Needed on the first update.")
    message = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Public message")
