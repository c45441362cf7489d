"""Configuration items and CI-to-client assignments."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from accounts.models import User
from cmdb.models import CIClientAssignment
from cmdb.services import ci_assign_client, ci_create, ci_unassign_client, ci_update
from core.actor import Actor
from core.models import AuditRecord
from tests.accounts.factories import ClientFactory, UserFactory
from tests.cmdb.factories import AssignmentFactory, ConfigurationItemFactory
from tests.helpers import assert_refused

pytestmark = pytest.mark.django_db


def test_ci_create_with_active_owner(support: User) -> None:
    owner = UserFactory()
    ci = ci_create(
        actor=Actor.web(support),
        ci_name="db-1",
        ci_type="database",
        environment="production",
        responsible_owner=owner.pk,
    )
    assert (ci.operational_status, ci.responsible_owner) == ("operational", owner)
    assert AuditRecord.objects.filter(record_type="configuration_item", record_id=ci.pk, action="create").exists()


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"ci_type": "toaster"}, "invalid"),
        ({"environment": "moon"}, "invalid"),
        ({"ci_name": ""}, "invalid"),
        ({"responsible_owner": 999999}, "owner_not_found"),
    ],
)
def test_ci_create_refusals(support: User, changes: dict[str, object], code: str) -> None:
    owner = UserFactory()
    data = {"ci_name": "x", "ci_type": "server", "environment": "staging", "responsible_owner": owner.pk, **changes}
    assert_refused(lambda: ci_create(actor=Actor.web(support), **data), code)


def test_ci_create_refuses_inactive_owner(support: User) -> None:
    owner = UserFactory(status="inactive")
    data = {"ci_name": "x", "ci_type": "server", "environment": "staging", "responsible_owner": owner.pk}
    assert_refused(lambda: ci_create(actor=Actor.web(support), **data), "owner_inactive")


def test_ci_create_refuses_roles_without_cmdb_manage(executive: User) -> None:
    data = {"ci_name": "x", "ci_type": "server", "environment": "staging", "responsible_owner": executive.pk}
    assert_refused(lambda: ci_create(actor=Actor.web(executive), **data), "not_permitted")


def test_ci_update_changes_status_and_audits(support: User) -> None:
    ci = ConfigurationItemFactory()
    ci_update(actor=Actor.web(support), ci=ci, data={"operational_status": "down"})
    row = AuditRecord.objects.get(record_type="configuration_item", record_id=ci.pk, action="update")
    assert row.changes == {"operational_status": ["operational", "down"]}


def test_ci_update_refuses_bad_status(support: User) -> None:
    ci = ConfigurationItemFactory()
    assert_refused(
        lambda: ci_update(actor=Actor.web(support), ci=ci, data={"operational_status": "on fire"}), "invalid"
    )


def test_assign_and_unassign_client(support: User) -> None:
    ci, client = ConfigurationItemFactory(), ClientFactory()
    ci_assign_client(actor=Actor.web(support), ci=ci, client=client)
    assert list(ci.clients.all()) == [client]
    ci_unassign_client(actor=Actor.web(support), ci=ci, client=client.pk)
    assert not ci.clients.exists()


def test_assign_refuses_duplicate_pair(support: User) -> None:
    assignment = AssignmentFactory()
    assert_refused(
        lambda: ci_assign_client(actor=Actor.web(support), ci=assignment.ci, client=assignment.client),
        "assignment_exists",
    )


def test_assign_refuses_unknown_client(support: User) -> None:
    ci = ConfigurationItemFactory()
    assert_refused(lambda: ci_assign_client(actor=Actor.web(support), ci=ci, client=987654), "client_not_found")


def test_unassign_refuses_missing_pair(support: User) -> None:
    ci, client = ConfigurationItemFactory(), ClientFactory()
    assert_refused(lambda: ci_unassign_client(actor=Actor.web(support), ci=ci, client=client), "assignment_not_found")


def test_database_refuses_duplicate_pair() -> None:
    assignment = AssignmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CIClientAssignment.objects.create(ci=assignment.ci, client=assignment.client)


def test_the_history_card_shows_one_line_per_change_with_each_field(support: User) -> None:
    ci = ConfigurationItemFactory(ci_name="db-7")
    ci_update(actor=Actor.web(support), ci=ci, data={"operational_status": "down", "ci_name": "db-7b"})
    client = Client()
    client.force_login(support)
    page = client.get(f"/cmdb/{ci.pk}/").content.decode()
    history = page[page.index("<h2>History</h2>") :]
    (line,) = [item for item in history.split("<li>")[1:] if "Updated" in item]
    assert "<code>ci_name</code>: <del>db-7</del> → <ins>db-7b</ins>" in line
    assert "<code>operational_status</code>: <del>operational</del> → <ins>down</ins>" in line
