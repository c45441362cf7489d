"""The role-grant matrix: who may grant which role and change whose account; every refusal changes nothing."""

import pytest
from rest_framework.test import APIClient

from accounts.grants import GRANTABLE, account_manage_allowed, grantable_roles
from accounts.models import User
from accounts.services import user_create, user_set_password, user_update
from core.actor import Actor
from core.roles import Role
from tests.accounts.factories import ClientFactory, UserFactory
from tests.helpers import assert_refused, assert_unchanged

pytestmark = pytest.mark.django_db


def _new(actor: Actor, role: str, **extra: object) -> User:
    client = ClientFactory() if role == Role.CLIENT_CONTACT else None
    return user_create(
        actor=actor, email=f"new-{role}@example.test", first_name="New", last_name="Person", role=role, client=client,
        **extra,
    )  # fmt: skip


@pytest.mark.parametrize("role", sorted(GRANTABLE[Role.INCIDENT_MANAGER]))
def test_incident_manager_creates_working_roles(manager: User, role: str) -> None:
    assert _new(Actor.web(manager), role).role == role


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMINISTRATOR, Role.INCIDENT_MANAGER, Role.EXECUTIVE])
def test_incident_manager_may_not_grant_senior_roles(manager: User, role: str) -> None:
    assert_refused(lambda: _new(Actor.web(manager), role), "role_grant_forbidden")


@pytest.mark.parametrize("role", Role.values)
def test_system_administrator_grants_every_role(admin_actor: Actor, role: str) -> None:
    assert _new(admin_actor, role).role == role


def test_only_a_system_administrator_creates_staff(manager: User, admin_actor: Actor) -> None:
    assert_refused(lambda: _new(Actor.web(manager), Role.TECHNICAL_SUPPORT, is_staff=True), "role_grant_forbidden")
    assert _new(admin_actor, Role.TECHNICAL_SUPPORT, is_staff=True).is_staff


def test_incident_manager_may_not_promote_to_system_administrator(manager: User) -> None:
    engineer = UserFactory(role=Role.TECHNICAL_SUPPORT)
    assert_refused(
        lambda: user_update(actor=Actor.web(manager), user=engineer, data={"role": Role.SYSTEM_ADMINISTRATOR}),
        "role_grant_forbidden",
    )


def test_incident_manager_changes_working_roles(manager: User) -> None:
    engineer = UserFactory(role=Role.TECHNICAL_SUPPORT)
    user_update(actor=Actor.web(manager), user=engineer, data={"role": Role.ACCOUNT_MANAGER, "status": "inactive"})
    engineer.refresh_from_db()
    assert (engineer.role, engineer.status) == (Role.ACCOUNT_MANAGER, "inactive")


@pytest.mark.parametrize(
    "target",
    [
        {"role": Role.SYSTEM_ADMINISTRATOR},
        {"role": Role.TECHNICAL_SUPPORT, "is_superuser": True},
        {"role": Role.TECHNICAL_SUPPORT, "is_staff": True},
        {"role": Role.INCIDENT_MANAGER},
        {"role": Role.EXECUTIVE},
    ],
)
def test_incident_manager_may_not_touch_senior_or_administrator_accounts(manager: User, target: dict) -> None:
    person = UserFactory(**target)
    actor = Actor.web(manager)
    assert_refused(lambda: user_update(actor=actor, user=person, data={"status": "inactive"}), "role_grant_forbidden")
    assert_refused(lambda: user_update(actor=actor, user=person, data={"first_name": "X"}), "role_grant_forbidden")
    assert_refused(
        lambda: user_set_password(actor=actor, user=person, password="another-long-password-1"),
        "role_grant_forbidden",
    )
    assert not account_manage_allowed(actor, person)


def test_incident_manager_may_not_demote_an_executive(manager: User) -> None:
    boss = UserFactory(role=Role.EXECUTIVE)
    assert_refused(
        lambda: user_update(actor=Actor.web(manager), user=boss, data={"role": Role.TECHNICAL_SUPPORT}),
        "role_grant_forbidden",
    )


def test_system_administrator_deactivates_a_superuser(admin_actor: Actor) -> None:
    other = UserFactory(role=Role.SYSTEM_ADMINISTRATOR, is_superuser=True, is_staff=True)
    user_update(actor=admin_actor, user=other, data={"status": "inactive"})
    other.refresh_from_db()
    assert other.status == "inactive"


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMINISTRATOR, Role.INCIDENT_MANAGER])
def test_nobody_changes_their_own_role_or_status(role: str) -> None:
    person = UserFactory(role=role)
    actor = Actor.web(person)
    other_role = Role.TECHNICAL_SUPPORT
    assert_refused(lambda: user_update(actor=actor, user=person, data={"role": other_role}), "role_grant_forbidden")
    assert_refused(lambda: user_update(actor=actor, user=person, data={"status": "inactive"}), "role_grant_forbidden")
    user_update(actor=actor, user=person, data={"first_name": "Renamed", "role": role})
    person.refresh_from_db()
    assert person.first_name == "Renamed"


def test_grantable_roles_per_role(manager: User, support: User, admin_user: User) -> None:
    assert grantable_roles(Actor.web(admin_user)) == frozenset(Role.values)
    assert grantable_roles(Actor.web(manager)) == {Role.TECHNICAL_SUPPORT, Role.ACCOUNT_MANAGER, Role.CLIENT_CONTACT}
    assert grantable_roles(Actor.web(support)) == frozenset()


def test_api_refuses_a_promotion_with_403_and_code(manager: User) -> None:
    engineer = UserFactory(role=Role.TECHNICAL_SUPPORT)
    client = APIClient()
    client.force_authenticate(manager)
    with assert_unchanged():
        answer = client.patch(f"/api/v1/users/{engineer.pk}/", {"role": Role.SYSTEM_ADMINISTRATOR}, format="json")
    assert answer.status_code == 403
    assert answer.json()["code"] == "role_grant_forbidden"


def test_user_form_offers_only_grantable_roles(client: object, manager: User) -> None:
    client.force_login(manager)
    page = client.get("/users/new/")
    assert page.status_code == 200
    roles = [value for value, _ in page.context["form"].fields["role"].choices]
    assert sorted(roles) == sorted(GRANTABLE[Role.INCIDENT_MANAGER])
