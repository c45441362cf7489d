"""Users (email login, one role, active/inactive) and the clients whose contacts and services we support."""

from __future__ import annotations

import functools
import zoneinfo
from collections.abc import Callable
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.db.models.functions import Lower

from accounts.choices import ClientStatus, CompanyType, PreferredCommunication, Role, SupportCoverage, UserStatus
from core.links import record_url
from core.models import TimeStampedModel


@functools.cache
def known_timezones() -> frozenset[str]:
    """IANA names; reading them walks the tz database on disk, so it is done once."""
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value: str) -> None:
    if value not in known_timezones():
        raise ValidationError(f"{value!r} is not a known time zone (use an IANA name such as Europe/London).")


class Client(TimeStampedModel):
    """A customer organisation: its coverage decides which SLA clock applies to its incidents."""

    client_name = models.CharField(max_length=200)
    registration_number = models.CharField(max_length=60, unique=True)
    company_type = models.CharField(max_length=20, choices=CompanyType.choices)
    primary_address = models.CharField(max_length=300, blank=True, default="")
    support_coverage = models.CharField(max_length=20, choices=SupportCoverage.choices)
    preferred_communication = models.CharField(max_length=20, choices=PreferredCommunication.choices)
    status = models.CharField(max_length=10, choices=ClientStatus.choices, default=ClientStatus.ACTIVE)
    on_call_emails = models.TextField(
        blank=True, default="", help_text="Addresses that receive SLA breach emails, one per line."
    )
    default_incident_manager = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Takes this client's major incidents when nobody else is named or on call.",
    )

    class Meta:
        ordering = ["client_name", "id"]

    def get_absolute_url(self) -> str:
        return record_url("workspace:client-detail", self.pk)

    def __str__(self) -> str:
        return self.client_name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True
    creator: ClassVar[Callable[..., Any] | None] = None
    """The service that creates a user by the rules, so that `createsuperuser` follows them too (given by the
    app's `ready()`: the services import this module, so this module does not import them)."""

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        from core.actor import Actor, Source

        if UserManager.creator is None:
            raise ImproperlyConfigured("The accounts app is not ready: users are created by its service.")
        return UserManager.creator(actor=Actor.system(Source.CLI), email=email, password=password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("first_name", "Tracer")
        extra.setdefault("last_name", "Administrator")
        extra.setdefault("role", Role.SYSTEM_ADMINISTRATOR)
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin, TimeStampedModel):
    """A person who signs in with their email: staff of every role, and client contacts of one client."""

    email = models.EmailField(max_length=254, unique=True)
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    role = models.CharField(max_length=30, choices=Role.choices)
    status = models.CharField(max_length=10, choices=UserStatus.choices, default=UserStatus.ACTIVE)
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    client = models.ForeignKey(Client, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts")
    is_staff = models.BooleanField(default=False, help_text="May sign in to the admin site and holds every action.")

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(
                condition=(models.Q(role=Role.CLIENT_CONTACT) & models.Q(client__isnull=False))
                | (~models.Q(role=Role.CLIENT_CONTACT) & models.Q(client__isnull=True)),
                name="user_client_only_for_client_contact",
            ),
        ]
        indexes = [models.Index(fields=["role", "status"], name="user_role_status")]

    def get_absolute_url(self) -> str:
        return record_url("accounts:user-detail", self.pk)

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return self.status == UserStatus.ACTIVE

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.first_name
