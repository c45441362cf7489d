from typing import Any

from django import forms

from accounts.forms import UserChoiceField
from accounts.models import User
from accounts.selectors import staff_choices


class OverrideForm(forms.Form):
    user = UserChoiceField(queryset=User.objects.none(), label="Who takes over")
    start = forms.DateTimeField(
        label="From", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    end = forms.DateTimeField(
        label="Until", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff_choices()  # type: ignore[attr-defined]


class EmptyForm(forms.Form):
    """An action that takes nothing but the button."""
