"""SOP 1: creating and updating user accounts; client records."""

import pytest

from accounts.models import Client, User
from accounts.services import client_create, client_update, user_create, user_set_password, user_update
from core.actor import Actor
from core.models import AuditRecord
from tests.accounts.factories import ClientFactory, UserFactory
from tests.helpers import assert_refused, assert_unchanged

pytestmark = pytest.mark.django_db

VALID = {
    "email": "New.Person@Example.test",
    "first_name": "New",
    "last_name": "Person",
    "role": "technical_support",
    "timezone": "Europe/London",
}


def test_user_create_accepts_valid_fields_and_audits(admin_actor: Actor) -> None:
    user = user_create(actor=admin_actor, password="a-long-password-1", **VALID)
    assert user.email == "new.person@example.test"
    assert user.status == "active"
    assert user.check_password("a-long-password-1")
    (row,) = AuditRecord.objects.filter(record_type="user", record_id=user.pk)
    assert set(row.changes) >= {"email", "role", "first_name", "last_name", "timezone"}
    assert (row.actor_id, row.source, row.changes["email"]) == (admin_actor.user_id, "web", [None, user.email])


def test_user_create_client_contact_with_client(admin_actor: Actor) -> None:
    client = ClientFactory()
    user = user_create(actor=admin_actor, **{**VALID, "role": "client_contact", "client": client.pk})
    assert user.client == client


@pytest.mark.parametrize("missing", ["email", "first_name", "last_name", "role"])
def test_user_create_refuses_missing_required_field(admin_actor: Actor, missing: str) -> None:
    data = {key: value for key, value in VALID.items() if key != missing}
    error = assert_refused(lambda: user_create(actor=admin_actor, **data), "invalid")
    assert missing in error.fields


@pytest.mark.parametrize(
    ("field", "value"),
    [("role", "wizard"), ("status", "sleeping"), ("timezone", "Mars/Olympus"), ("email", "not-an-email")],
)
def test_user_create_refuses_invalid_values(admin_actor: Actor, field: str, value: str) -> None:
    error = assert_refused(lambda: user_create(actor=admin_actor, **{**VALID, field: value}), "invalid")
    assert field in error.fields


def test_user_create_refuses_taken_email_whatever_the_case(admin_actor: Actor) -> None:
    UserFactory(email="new.person@example.test")
    assert_refused(lambda: user_create(actor=admin_actor, **VALID), "email_taken")


def test_user_create_refuses_client_contact_without_client(admin_actor: Actor) -> None:
    assert_refused(lambda: user_create(actor=admin_actor, **{**VALID, "role": "client_contact"}), "client_required")


def test_user_create_refuses_unknown_client(admin_actor: Actor) -> None:
    data = {**VALID, "role": "client_contact", "client": 987654}
    assert_refused(lambda: user_create(actor=admin_actor, **data), "client_not_found")


def test_user_create_refuses_client_on_staff_role(admin_actor: Actor) -> None:
    client = ClientFactory()
    assert_refused(lambda: user_create(actor=admin_actor, **{**VALID, "client": client.pk}), "client_not_allowed")


def test_user_create_refuses_weak_password(admin_actor: Actor) -> None:
    assert_refused(lambda: user_create(actor=admin_actor, password="short", **VALID), "weak_password")


def test_user_create_refuses_unknown_field(admin_actor: Actor) -> None:
    assert_refused(lambda: user_create(actor=admin_actor, **{**VALID, "shoe_size": 44}), "invalid")


@pytest.mark.parametrize("role", ["technical_support", "executive", "account_manager", "client_contact"])
def test_user_create_refuses_roles_without_users_manage(role: str) -> None:
    actor = Actor.web(
        UserFactory(role=role) if role != "client_contact" else UserFactory(role=role, client=ClientFactory())
    )
    assert_refused(lambda: user_create(actor=actor, **VALID), "not_permitted")


def test_user_create_refuses_inactive_administrator() -> None:
    actor = Actor.web(UserFactory(role="system_administrator", status="inactive"))
    assert_refused(lambda: user_create(actor=actor, **VALID), "not_permitted")


def test_incident_manager_may_create_users(manager: User) -> None:
    assert user_create(actor=Actor.web(manager), **VALID).pk


def test_user_update_records_old_and_new_values(admin_actor: Actor) -> None:
    user = UserFactory(first_name="Old", timezone="UTC")
    user_update(actor=admin_actor, user=user, data={"first_name": "Renamed", "timezone": "Asia/Tokyo"})
    user.refresh_from_db()
    assert (user.first_name, user.timezone) == ("Renamed", "Asia/Tokyo")
    (row,) = AuditRecord.objects.filter(record_type="user", record_id=user.pk, action="update")
    assert row.changes == {"first_name": ["Old", "Renamed"], "timezone": ["UTC", "Asia/Tokyo"]}


def test_user_update_without_changes_writes_nothing(admin_actor: Actor) -> None:
    user = UserFactory(first_name="Same")
    with assert_unchanged():
        user_update(actor=admin_actor, user=user, data={"first_name": "Same"})


def test_user_update_deactivates_user(admin_actor: Actor) -> None:
    user = UserFactory()
    user_update(actor=admin_actor, user=user, data={"status": "inactive"})
    user.refresh_from_db()
    assert not user.is_active


def test_user_update_refuses_taken_email(admin_actor: Actor) -> None:
    UserFactory(email="taken@example.test")
    user = UserFactory()
    assert_refused(
        lambda: user_update(actor=admin_actor, user=user, data={"email": "TAKEN@example.test"}), "email_taken"
    )


def test_user_update_refuses_contact_role_without_client(admin_actor: Actor) -> None:
    user = UserFactory(role="technical_support")
    assert_refused(
        lambda: user_update(actor=admin_actor, user=user, data={"role": "client_contact"}), "client_required"
    )


def test_user_update_moves_contact_to_staff_role_when_client_cleared(admin_actor: Actor) -> None:
    contact = UserFactory(role="client_contact", client=ClientFactory())
    assert_refused(
        lambda: user_update(actor=admin_actor, user=contact, data={"role": "executive"}), "client_not_allowed"
    )
    user_update(actor=admin_actor, user=contact, data={"role": "executive", "client": None})
    contact.refresh_from_db()
    assert (contact.role, contact.client_id) == ("executive", None)


def test_user_update_refuses_unknown_client(admin_actor: Actor) -> None:
    contact = UserFactory(role="client_contact", client=ClientFactory())
    assert_refused(lambda: user_update(actor=admin_actor, user=contact, data={"client": 999999}), "client_not_found")


def test_user_update_refuses_changing_own_status(admin_actor: Actor) -> None:
    assert admin_actor.user is not None
    assert_refused(
        lambda: user_update(actor=admin_actor, user=admin_actor.user, data={"status": "inactive"}),
        "role_grant_forbidden",
    )


def test_user_update_refuses_without_permission(support: User) -> None:
    target = UserFactory()
    assert_refused(
        lambda: user_update(actor=Actor.web(support), user=target, data={"first_name": "X"}), "not_permitted"
    )


def test_user_update_refuses_invalid_timezone(admin_actor: Actor) -> None:
    target = UserFactory()
    assert_refused(lambda: user_update(actor=admin_actor, user=target, data={"timezone": "Nowhere/Else"}), "invalid")


def test_user_sets_own_password_and_administrator_resets_others(admin_actor: Actor, support: User) -> None:
    user_set_password(actor=Actor.web(support), user=support, password="my-new-password-42")
    support.refresh_from_db()
    assert support.check_password("my-new-password-42")
    other = UserFactory()
    assert_refused(
        lambda: user_set_password(actor=Actor.web(support), user=other, password="x-long-password-9"), "not_permitted"
    )
    user_set_password(actor=admin_actor, user=other, password="reset-by-admin-77")


CLIENT = {
    "client_name": "Acme",
    "registration_number": "REG-1",
    "company_type": "smb",
    "support_coverage": "business_hours",
    "preferred_communication": "email",
}


def test_client_create_and_update(account_manager: User) -> None:
    actor = Actor.web(account_manager)
    client = client_create(actor=actor, **CLIENT)
    assert client.status == "active"
    client_update(actor=actor, client=client, data={"status": "inactive", "on_call_emails": "ops@acme.test"})
    client.refresh_from_db()
    assert client.status == "inactive"
    assert AuditRecord.objects.filter(record_type="client", record_id=client.pk, changes__has_key="status").exists()


def test_client_create_refuses_taken_registration_number(account_manager: User) -> None:
    ClientFactory(registration_number="reg-1")
    assert_refused(lambda: client_create(actor=Actor.web(account_manager), **CLIENT), "registration_number_taken")


def test_client_create_refuses_bad_coverage(account_manager: User) -> None:
    assert_refused(
        lambda: client_create(actor=Actor.web(account_manager), **{**CLIENT, "support_coverage": "weekends"}), "invalid"
    )


def test_client_create_refuses_without_permission(support: User) -> None:
    assert_refused(lambda: client_create(actor=Actor.web(support), **CLIENT), "not_permitted")


def test_client_update_refuses_taken_registration_number(account_manager: User) -> None:
    ClientFactory(registration_number="REG-OTHER")
    client = ClientFactory()
    assert_refused(
        lambda: client_update(
            actor=Actor.web(account_manager), client=client, data={"registration_number": "reg-other"}
        ),
        "registration_number_taken",
    )


def test_database_refuses_client_on_a_staff_user() -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(
            email="x@example.test", first_name="X", last_name="Y", role="executive", client=ClientFactory()
        )
    assert not Client.objects.filter(contacts__email="x@example.test").exists()
