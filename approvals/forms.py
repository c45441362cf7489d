from typing import Any

from django import forms

from accounts.forms import UserChoiceField
from accounts.models import User
from accounts.selectors import staff_choices


class ApprovalRequestForm(forms.Form):
    """SOP 20: whom to ask; any page whose record may await an approval offers it."""

    approver = UserChoiceField(queryset=User.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approver"].queryset = staff_choices()  # type: ignore[attr-defined]
