from collections.abc import Iterable
from typing import Any

from django import forms

from accounts.forms import UserChoiceField
from accounts.models import User
from accounts.selectors import staff_choices


class ApprovalRequestForm(forms.Form):
    """SOP 20: whom to ask; any page whose record may await an approval offers it. A page leaves out those who
    could never decide it (`exclude`: the asker and whoever asked for the record) and keeps to `roles`."""

    approver = UserChoiceField(queryset=User.objects.none())

    def __init__(
        self, *args: Any, exclude: Iterable[int | None] = (), roles: Iterable[str] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        people = staff_choices().exclude(pk__in=[pk for pk in exclude if pk is not None])
        if roles:
            people = people.filter(role__in=list(roles))
        self.fields["approver"].queryset = people  # type: ignore[attr-defined]
