"""`import_dataset`: the reference data set loads exactly, re-runs add nothing, a bad row refuses everything."""

import json
import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from accounts.models import User
from bridges.models import BridgeParticipant
from cmdb.models import ConfigurationItem
from core.importing import ImportRefused, dataset_import, registered_tables
from core.models import AuditRecord
from sla.models import SLAAgreement
from tests.helpers import assert_unchanged

pytestmark = pytest.mark.django_db

REFERENCE = Path(
    os.environ.get("TRACER_REFERENCE_DATASET", settings.BASE_DIR.parent / "shared" / "datasets" / "itsm-reference")
)
EXPECTED = {
    "users": 700,
    "clients": 25,
    "configuration_items": 50,
    "ci_client_assignments": 79,
    "sla_agreements": 25,
    "problem_tickets": 20,
    "incidents": 200,
    "incident_configuration_items": 256,
    "bridges": 120,
    "bridge_participants": 424,
    "escalations": 69,
    "work_notes": 330,
    "attachments": 1045,
    "audit_trails": 179,
    "problem_configuration_items": 30,
    "change_requests": 29,
    "rollback_requests": 10,
    "approval_requests": 182,
    "root_cause_analyses": 13,
    "post_incident_reviews": 17,
    "incident_reports": 73,
    "communications": 132,
}


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "dataset"
    shutil.copytree(REFERENCE, target)
    for path in target.iterdir():
        path.chmod(0o644)
    return target


def edit(directory: Path, table: str, record_id: str, **changes: object) -> None:
    path = directory / f"{table}.json"
    data = json.loads(path.read_text())
    data[record_id].update(changes)
    path.write_text(json.dumps(data))


def counts() -> dict[str, int]:
    """Rows stored per data set table."""
    return {
        spec.table: spec.model._default_manager.exclude(**{f"{spec.id_field}__isnull": True}).count()
        for spec in registered_tables()
    }


def test_every_registered_table_matches_the_data_set_and_a_rerun_adds_nothing() -> None:
    result = dataset_import(directory=REFERENCE)
    stored = counts()
    assert {table: stored[table] for table in EXPECTED} == EXPECTED
    for table, count in stored.items():
        assert count == len(json.loads((REFERENCE / f"{table}.json").read_text())), table
    assert result.created == stored
    audit_rows = AuditRecord.objects.count()
    assert AuditRecord.objects.filter(action="import").count() == sum(stored.values()) - stored["audit_trails"]

    again = dataset_import(directory=REFERENCE)
    assert sum(again.created.values()) == 0
    assert again.skipped == stored
    assert counts() == stored
    assert AuditRecord.objects.count() == audit_rows


def test_imported_rows_keep_ids_and_timestamps() -> None:
    dataset_import(directory=REFERENCE)
    melissa = User.objects.get(pk=1)
    assert (melissa.email, melissa.role, melissa.timezone) == (
        "melissa.jones@outlook.com",
        "incident_manager",
        "America/Los_Angeles",
    )
    assert melissa.created_at.isoformat() == "2025-04-11T20:09:21+00:00"
    assert not melissa.has_usable_password()
    assert ConfigurationItem.objects.get(pk=1).responsible_owner_id == 466
    assert SLAAgreement.objects.get(pk=1).created_by_id == 60


def test_imported_history_reaches_incident_timelines_and_rejoins_are_kept() -> None:
    from incidents.models import Incident
    from incidents.selectors import incident_timeline

    dataset_import(directory=REFERENCE)
    incident = Incident.objects.get(pk=104)
    imported = incident_timeline(incident=incident).filter(imported_id__isnull=False)
    assert imported.filter(changes__has_key="assigned_to").exists()
    stays = BridgeParticipant.objects.filter(bridge_id=97, user_id=542).order_by("joined_at")
    assert [stay.left_at for stay in stays] == [stays[1].joined_at, None]


def test_numbers_continue_after_imported_ones(admin_actor: object) -> None:
    from core.numbering import number_next
    from tests.helpers import numbers_restart

    numbers_restart()
    dataset_import(directory=REFERENCE)
    assert number_next("INC") == "INC0000201"
    assert number_next("BRG") == "BRG0000121"


def test_new_records_after_import_get_fresh_ids(admin_actor: object) -> None:
    from accounts.services import client_create

    dataset_import(directory=REFERENCE)
    client = client_create(
        actor=admin_actor,
        client_name="After import",
        registration_number="REG-NEW",
        company_type="smb",
        support_coverage="24x7",
        preferred_communication="email",
    )
    assert client.pk > 25


def test_unknown_client_refuses_the_whole_import(copy: Path) -> None:
    contact_id = next(key for key, row in json.loads((copy / "users.json").read_text()).items() if row["client_id"])
    edit(copy, "users", contact_id, client_id="9999")
    with assert_unchanged(), pytest.raises(ImportRefused) as refused:
        dataset_import(directory=copy)
    assert refused.value.table == "users"
    assert str(refused.value.record_id) == contact_id
    assert "client_id 9999 does not exist in clients" in str(refused.value)


@pytest.mark.parametrize(
    ("table", "record_id", "changes", "reason"),
    [
        ("users", "3", {"role": "wizard"}, "role"),
        ("users", "4", {"email": "melissa.jones@outlook.com"}, "already taken"),
        ("users", "5", {"timezone": "Mars/Base"}, "timezone"),
        ("clients", "2", {"support_coverage": "sometimes"}, "support_coverage"),
        ("configuration_items", "7", {"responsible_owner": "70000"}, "does not exist in users"),
        ("ci_client_assignments", "2", {"ci_id": "1", "client_id": "12"}, "already taken"),
        ("sla_agreements", "3", {"expiration_date": "2020-01-01"}, "expiration_date is before effective_date"),
        ("incidents", "9", {"problem_id": "777"}, "problem_id 777 does not exist in problem_tickets"),
        ("incidents", "10", {"severity": "P5"}, "severity"),
        ("incident_configuration_items", "2", {"incident_id": "1", "ci_id": "37"}, "already taken"),
        ("bridges", "4", {"bridge_host": "99999"}, "does not exist in users"),
        ("bridge_participants", "5", {"role_in_bridge": "listener"}, "role_in_bridge"),
        ("work_notes", "6", {"incident_id": "1", "problem_ticket_id": "1"}, "exactly one incident or one problem"),
        ("escalations", "7", {"escalated_to": "0"}, "does not exist in users"),
        (
            "attachments",
            "8",
            {"reference_type": "incident", "reference_id": "5000"},
            "reference_id 5000 does not exist in incidents",
        ),
        ("audit_trails", "11", {"reference_type": "spaceship"}, "unknown reference_type"),
        (
            "approval_requests",
            "3",
            {"reference_type": "rca", "reference_id": "99"},
            "does not exist in root_cause_analyses",
        ),
        ("approval_requests", "4", {"requested_action": "close_incident"}, "does not fit reference_type"),
        ("change_requests", "5", {"change_type": "whenever"}, "change_type"),
        ("rollback_requests", "2", {"change_id": "999"}, "change_id 999 does not exist in change_requests"),
        (
            "root_cause_analyses",
            "3",
            {"incident_id": None, "problem_ticket_id": None},
            "an incident or a problem ticket",
        ),
        (
            "communications",
            "9",
            {"incident_id": None, "problem_ticket_id": None},
            "exactly one incident or one problem",
        ),
        ("incident_reports", "12", {"report_status": "lost"}, "report_status"),
    ],
)
def test_bad_rows_are_named_and_nothing_is_written(
    copy: Path, table: str, record_id: str, changes: dict[str, object], reason: str
) -> None:
    edit(copy, table, record_id, **changes)
    with assert_unchanged(), pytest.raises(ImportRefused) as refused:
        dataset_import(directory=copy)
    assert (refused.value.table, str(refused.value.record_id)) == (table, record_id)
    assert reason in refused.value.reason


def test_second_active_agreement_for_a_client_is_refused(copy: Path) -> None:
    agreements = json.loads((copy / "sla_agreements.json").read_text())
    active = [key for key, row in agreements.items() if row["status"] == "active"]
    edit(copy, "sla_agreements", active[1], client_id=agreements[active[0]]["client_id"])
    with assert_unchanged(), pytest.raises(ImportRefused, match="more than one active agreement"):
        dataset_import(directory=copy)


def test_missing_table_file_is_refused(copy: Path) -> None:
    (copy / "clients.json").unlink()
    with assert_unchanged(), pytest.raises(ImportRefused, match=r"clients\.json is missing"):
        dataset_import(directory=copy)


def test_command_reports_progress_and_refusals(copy: Path) -> None:
    edit(copy, "clients", "1", status="dormant")
    with pytest.raises(CommandError, match=r"nothing was written\. table clients, id 1: status"):
        call_command("import_dataset", str(copy), stdout=StringIO())
    out = StringIO()
    call_command("import_dataset", str(REFERENCE), stdout=out)
    text = out.getvalue()
    assert "users" in text
    assert "700/700" in text
    assert f"Imported {sum(EXPECTED.values())} rows" in text
