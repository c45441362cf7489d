"""The inbox names each record as people know it (its number), links to where it is shown, and reads the records
with one query per kind."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from approvals.models import ApprovalRequest
from core.roles import Role
from tests.accounts.factories import UserFactory
from tests.approvals.test_services import record

pytestmark = pytest.mark.django_db

KINDS = {"escalation": "pending", "bridge": "active", "change": "requested", "rollback": "requested",
         "incident_closure": "resolved", "rca": "completed"}  # fmt: skip
ACTIONS = {"escalation": "create_escalation", "bridge": "initiate_bridge", "change": "create_change_request",
           "rollback": "create_rollback_request", "incident_closure": "close_incident", "rca": "conduct_rca"}  # fmt: skip


def test_every_waiting_record_is_named_and_linked(client: Client, manager: User) -> None:
    asker = UserFactory(role=Role.INCIDENT_MANAGER)
    records = {kind: record(kind, status) for kind, status in KINDS.items()}
    for kind, target in records.items():
        ApprovalRequest.objects.create(
            reference_type=kind, reference_id=target.pk, requested_action=ACTIONS[kind], requested_by=asker,
            approver=manager,
        )  # fmt: skip
    client.force_login(manager)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/approvals/").content.decode()
    assert len(queries) < 20
    rows = re.findall(r"<tr>.*?</tr>", page, flags=re.S)[1:]
    assert len(rows) == len(KINDS)
    assert not re.search(r"#\d+", page)
    for number in (records["change"].change_number, records["rca"].rca_number, records["rollback"].rollback_number,
                   records["bridge"].bridge_number, records["incident_closure"].incident_number):  # fmt: skip
        assert number in page
    escalation = records["escalation"]
    assert f'href="/incidents/{escalation.incident_id}/">Escalation of {escalation.incident.incident_number}' in page
    assert all("<a href=" in row for row in rows)
