from typing import Any

from django import forms

from accounts.forms import UserChoiceField
from accounts.models import User
from accounts.selectors import staff_choices
from bridges.choices import BridgeType, ParticipantRole


class BridgeOpenForm(forms.Form):
    bridge_type = forms.ChoiceField(
        choices=[("", "Major incident (P1/P2)"), *[c for c in BridgeType.choices if c[0] != BridgeType.MAJOR_INCIDENT]],
        required=False,
        label="Bridge type",
    )


class ParticipantForm(forms.Form):
    user = UserChoiceField(queryset=User.objects.none(), label="Participant")
    role_in_bridge = forms.ChoiceField(
        choices=ParticipantRole.choices, initial=ParticipantRole.TECHNICAL_SUPPORT, label="Role"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff_choices()  # type: ignore[attr-defined]
