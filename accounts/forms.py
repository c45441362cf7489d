from django import forms
from django.contrib.auth.forms import AuthenticationForm

from accounts.choices import ClientStatus, CompanyType, PreferredCommunication, Role, SupportCoverage, UserStatus
from accounts.grants import grantable_roles
from accounts.models import Client, User, known_timezones
from core.actor import Actor
from core.forms import ActorForm, RecordChoiceField

TIMEZONE_CHOICES = [(name, name) for name in sorted(known_timezones())]


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )


class UserCreateForm(ActorForm):
    first_name = forms.CharField(max_length=80)
    last_name = forms.CharField(max_length=80)
    email = forms.EmailField(max_length=254)
    role = forms.ChoiceField(choices=Role.choices)
    client = RecordChoiceField(
        queryset=Client.objects.order_by("client_name"), required=False, help_text="Only for client contacts."
    )
    timezone = forms.ChoiceField(choices=TIMEZONE_CHOICES, initial="UTC")
    status = forms.ChoiceField(choices=UserStatus.choices, initial=UserStatus.ACTIVE)
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        required=False,
        help_text="Leave empty to create the account without a password (it cannot sign in until one is set).",
    )

    def fields_for_actor(self, actor: Actor) -> None:
        """Offer only the roles the actor may grant (accounts.grants); an account's current role stays listed."""
        allowed = grantable_roles(actor) | {self.initial.get("role")}
        self.fields["role"].choices = [choice for choice in Role.choices if choice[0] in allowed]  # type: ignore[attr-defined]


class UserUpdateForm(UserCreateForm):
    password = None  # type: ignore[assignment]


class ClientForm(forms.Form):
    client_name = forms.CharField(max_length=200)
    registration_number = forms.CharField(max_length=60)
    company_type = forms.ChoiceField(choices=CompanyType.choices)
    primary_address = forms.CharField(max_length=300, required=False)
    support_coverage = forms.ChoiceField(choices=SupportCoverage.choices)
    preferred_communication = forms.ChoiceField(choices=PreferredCommunication.choices)
    status = forms.ChoiceField(choices=ClientStatus.choices, initial=ClientStatus.ACTIVE)
    on_call_emails = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text="SLA breach emails go here, one per line."
    )


class UserChoiceField(RecordChoiceField):
    """A person picker that names each choice with their role (every app's user pickers)."""

    def label_from_instance(self, obj: User) -> str:
        return f"{obj.full_name} · {obj.get_role_display()}"
