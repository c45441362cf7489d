"""SOP 1 (managing user accounts) and client records. Every write to a user or client goes through here."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.choices import Role
from accounts.grants import grant_check
from accounts.lookups import client_resolve
from accounts.models import Client, User
from accounts.transitions import CLIENT_TRANSITIONS, USER_TRANSITIONS
from core.actor import Actor
from core.audit import audit_log, audit_log_created, model_update
from core.errors import Duplicate, InvalidInput, RuleViolation
from core.lifecycle import check_change
from core.models import AuditAction
from core.permissions import require
from core.validation import clean_fields

USER_FIELDS = ("email", "first_name", "last_name", "role", "status", "timezone", "client")
USER_REQUIRED = ("email", "first_name", "last_name", "role")
CLIENT_FIELDS = (
    "client_name",
    "registration_number",
    "company_type",
    "primary_address",
    "support_coverage",
    "preferred_communication",
    "status",
    "on_call_emails",
)
CLIENT_REQUIRED = ("client_name", "registration_number", "company_type", "support_coverage", "preferred_communication")


def _resolve_client(value: Client | int | str | None) -> Client | None:
    return None if value is None or value == "" else client_resolve(value)


def user_client_check(*, role: str, client: Client | None) -> None:
    """SOP 1: a client contact belongs to exactly one existing client; nobody else belongs to a client."""
    if role == Role.CLIENT_CONTACT and client is None:
        raise RuleViolation(
            "A client contact needs an existing client.",
            code="client_required",
            fields={"client": "Required for a client contact."},
        )
    if role != Role.CLIENT_CONTACT and client is not None:
        raise RuleViolation(
            "Only client contacts belong to a client.",
            code="client_not_allowed",
            fields={"client": "Only a client contact may have a client."},
        )


def _check_email_free(email: str, *, exclude_pk: int | None = None) -> None:
    taken = User.objects.filter(email__iexact=email)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise Duplicate(
            f"A user with the email {email} already exists.", code="email_taken", fields={"email": "Taken."}
        )


def _check_password(password: str | None, user: User | None = None) -> None:
    if password is None:
        return
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput(
            "The password is too weak.", code="weak_password", fields={"password": exc.messages}
        ) from None


@transaction.atomic
def user_create(
    *,
    actor: Actor,
    password: str | None = None,
    is_staff: bool = False,
    is_superuser: bool = False,
    **data: Any,
) -> User:
    """SOP 1 step 1: create a user with valid required fields, a unique email and, for a contact, a client."""
    require(actor, "users.manage")
    cleaned = clean_fields(User, data, allowed=USER_FIELDS, required=USER_REQUIRED, skip=("client",))
    grant_check(actor, target=None, role=cleaned["role"], administrator=is_staff or is_superuser)
    cleaned["email"] = User.objects.normalize_email(cleaned["email"]).lower()
    client = _resolve_client(cleaned.pop("client", None))
    user_client_check(role=cleaned["role"], client=client)
    _check_email_free(cleaned["email"])
    _check_password(password)
    user = User(**cleaned, client=client, is_staff=is_staff, is_superuser=is_superuser)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit_log_created(actor=actor, record=user, fields=[*cleaned, "client_id", "is_staff"])
    return user


@transaction.atomic
def user_update(*, actor: Actor, user: User, data: dict[str, Any]) -> User:
    """SOP 1 step 2: apply new values to an existing user; the result must pass every SOP 1 rule, and the
    actor must be allowed by the role-grant matrix (accounts.grants)."""
    require(actor, "users.manage")
    user = User.objects.select_for_update().get(pk=user.pk)
    cleaned = clean_fields(User, data, allowed=USER_FIELDS, skip=("client",))
    grant_check(
        actor,
        target=user,
        role=cleaned.get("role"),
        status_changes=cleaned.get("status", user.status) != user.status,
    )
    if "email" in cleaned:
        cleaned["email"] = User.objects.normalize_email(cleaned["email"]).lower()
        _check_email_free(cleaned["email"], exclude_pk=user.pk)
    client = _resolve_client(cleaned["client"]) if "client" in cleaned else user.client
    cleaned["client"] = client
    user_client_check(role=cleaned.get("role", user.role), client=client)
    check_change(USER_TRANSITIONS, current=user.status, data=cleaned, field="status", label=user.email)
    changes = model_update(instance=user, data=cleaned, fields=USER_FIELDS)
    if changes:
        audit_log(actor=actor, record=user, action=AuditAction.UPDATE, changes=changes)
    return user


@transaction.atomic
def user_set_password(*, actor: Actor, user: User, password: str) -> None:
    """Set a user's password (an administrator's reset, or the user's own change)."""
    if actor.user_id != user.pk:
        require(actor, "users.manage")
        grant_check(actor, target=user)
    _check_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_log(actor=actor, record=user, action=AuditAction.UPDATE, changes={"password": ("***", "***")})


@transaction.atomic
def client_create(*, actor: Actor, **data: Any) -> Client:
    """Create a client with its coverage and preferred channel; registration numbers are unique."""
    require(actor, "clients.manage")
    cleaned = clean_fields(Client, data, allowed=CLIENT_FIELDS, required=CLIENT_REQUIRED)
    if Client.objects.filter(registration_number__iexact=cleaned["registration_number"]).exists():
        raise Duplicate(
            "A client with this registration number already exists.",
            code="registration_number_taken",
            fields={"registration_number": "Taken."},
        )
    client = Client.objects.create(**cleaned)
    audit_log_created(actor=actor, record=client, fields=cleaned)
    return client


@transaction.atomic
def client_update(*, actor: Actor, client: Client, data: dict[str, Any]) -> Client:
    """Change a client's details; the registration number stays unique."""
    require(actor, "clients.manage")
    client = Client.objects.select_for_update().get(pk=client.pk)
    cleaned = clean_fields(Client, data, allowed=CLIENT_FIELDS)
    number = cleaned.get("registration_number")
    if number and Client.objects.filter(registration_number__iexact=number).exclude(pk=client.pk).exists():
        raise Duplicate(
            "A client with this registration number already exists.",
            code="registration_number_taken",
            fields={"registration_number": "Taken."},
        )
    check_change(CLIENT_TRANSITIONS, current=client.status, data=cleaned, field="status", label=client.client_name)
    changes = model_update(instance=client, data=cleaned, fields=CLIENT_FIELDS)
    if changes:
        audit_log(actor=actor, record=client, action=AuditAction.UPDATE, changes=changes)
    return client
