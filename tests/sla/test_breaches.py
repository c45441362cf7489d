"""SOP 21: SLA targets per affected client and the breach report, pinned against hand-computed cases."""

import datetime as dt
import json
from typing import Any

import pytest

from accounts.models import Client
from core.actor import Actor
from incidents.models import Incident
from sla.breaches import breach_rows, breaching_pairs, parse_breach_filters
from sla.calendar import WorkingHours
from sla.models import BusinessCalendar, IncidentSLA
from sla.services.clocks import sla_refresh
from tests.accounts.factories import ClientFactory
from tests.cmdb.factories import AssignmentFactory
from tests.core.test_import import REFERENCE
from tests.incidents.factories import IncidentFactory
from tests.sla.factories import SLAAgreementFactory

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """November 2026: the 20th is a Friday, the 23rd a Monday."""
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def affecting(client: Client, **fields: Any) -> Incident:
    incident = IncidentFactory(**fields)
    incident.ci_links.create(ci=AssignmentFactory(client=client).ci)
    sla_refresh(incidents=[incident])
    return incident


def report(**params: str) -> list[Any]:
    filters = parse_breach_filters(params, actor=Actor.system())
    return breach_rows(breaching_pairs(filters, actor=Actor.system()), filters)


def test_business_hours_add_and_count() -> None:
    hours = WorkingHours()
    assert hours.add(at(20, 16), 240) == at(23, 12)  # 1 h on Friday, 3 h on Monday
    assert hours.add(at(21, 10), 30) == at(23, 9, 30)  # Saturday counts from Monday's opening
    assert hours.minutes_between(at(20, 16), at(23, 13, 30)) == 330
    tokyo = WorkingHours(timezone="Asia/Tokyo")
    assert tokyo.add(dt.datetime(2026, 11, 23, 0, 0, tzinfo=UTC), 60) == dt.datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def test_24x7_premium_p1_response_breach_by_15_minutes() -> None:
    client = ClientFactory(support_coverage="24x7")
    SLAAgreementFactory(client=client, tier="premium", support_coverage="24x7")
    incident = affecting(
        client, severity="P1", status="resolved", detection_time=at(23, 10),
        acknowledged_at=at(23, 10, 45), resolved_at=at(23, 13),
    )  # fmt: skip
    sla = IncidentSLA.objects.get(incident=incident)
    assert (sla.response_due_at, sla.resolution_due_at) == (at(23, 10, 30), at(23, 14))
    [row] = report(as_of="2026-11-30T00:00:00Z")
    assert (row.response_expected_minutes, row.response_actual_minutes, row.response_overrun_minutes) == (30, 45, 15)
    assert (row.resolution_expected_minutes, row.resolution_actual_minutes, row.resolution_overrun_minutes) == (
        240,
        180,
        0,
    )
    assert (row.tier, row.clock, row.client_id) == ("premium", "24x7", client.pk)


def test_on_call_coverage_runs_the_24x7_clock() -> None:
    client = ClientFactory(support_coverage="on_call")
    SLAAgreementFactory(client=client, tier="basic", support_coverage="on_call")
    incident = affecting(client, severity="P2", detection_time=at(20, 16))
    assert IncidentSLA.objects.get(incident=incident).response_due_at == at(20, 16) + dt.timedelta(minutes=1440)


def test_business_hours_standard_p2_counts_only_working_minutes() -> None:
    client = ClientFactory(support_coverage="business_hours")
    SLAAgreementFactory(client=client, tier="standard", support_coverage="business_hours")
    BusinessCalendar.objects.create(client=client)
    incident = affecting(
        client, severity="P2", status="in_progress", detection_time=at(20, 16), acknowledged_at=at(23, 13, 30)
    )
    sla = IncidentSLA.objects.get(incident=incident)
    assert sla.response_due_at == at(23, 12)  # 240 working minutes
    [row] = report(as_of="2026-11-24T10:00:00Z")
    assert (row.response_actual_minutes, row.response_overrun_minutes) == (330, 90)
    assert (row.resolution_actual_minutes, row.resolution_overrun_minutes) == (600, 0)


def test_unacknowledged_incident_is_judged_on_the_clock_now() -> None:
    client = ClientFactory()
    SLAAgreementFactory(client=client, tier="standard", support_coverage="24x7")
    affecting(client, severity="P1", status="open", detection_time=at(23, 10), acknowledged_at=None)
    assert report(as_of="2026-11-23T11:59:00Z") == []
    [row] = report(as_of="2026-11-23T12:30:00Z")
    assert (row.response_actual_minutes, row.response_overrun_minutes) == (150, 30)


def test_one_row_per_affected_client_and_none_without_an_active_agreement() -> None:
    first, second, uncovered = ClientFactory(), ClientFactory(), ClientFactory()
    SLAAgreementFactory(client=first, tier="basic")
    SLAAgreementFactory(client=second, tier="premium")
    SLAAgreementFactory(client=uncovered, status="expired")
    incident = IncidentFactory(severity="P3", status="open", detection_time=at(1, 0), acknowledged_at=None)
    for client in (first, second, uncovered):
        incident.ci_links.create(ci=AssignmentFactory(client=client).ci)
    sla_refresh(incidents=[incident])
    rows = report(as_of="2026-11-30T00:00:00Z")
    assert sorted((row.client_id, row.tier) for row in rows) == sorted([(first.pk, "basic"), (second.pk, "premium")])


def test_targets_follow_severity_changes() -> None:
    from core.actor import Actor
    from incidents.services import incident_update
    from tests.accounts.factories import UserFactory

    client = ClientFactory()
    SLAAgreementFactory(client=client, tier="premium", support_coverage="24x7")
    incident = affecting(client, severity="P4", detection_time=at(23, 10))
    assert IncidentSLA.objects.get(incident=incident).response_minutes == 2880
    incident_update(actor=Actor.web(UserFactory(role="incident_manager")), incident=incident, data={"severity": "P3"})
    assert IncidentSLA.objects.get(incident=incident).response_due_at == at(23, 18)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"client": "999999"}, "client"),
        ({"client": "abc"}, "client"),
        ({"start_date": "2025/09/01"}, "start_date"),
        ({"end_date": "2025-13-01"}, "end_date"),
        ({"start_date": "2025-10-02", "end_date": "2025-10-01"}, "end_date"),
        ({"status": "sleeping"}, "status"),
    ],
)
def test_bad_filters_get_a_400_naming_the_parameter(
    api_as: Any, executive: Any, params: dict[str, str], field: str
) -> None:
    response = api_as(executive).get("/api/v1/sla-breaches/", params)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_filter"
    assert set(response.json()["fields"]) == {field}


DATA_NOW = "2025-10-07T12:00:00Z"
MATRIX_24X7 = {
    "premium": {"P1": (30, 240), "P2": (120, 1440), "P3": (480, 4320), "P4": (2880, 7680)},
    "standard": {"P1": (120, 1440), "P2": (480, 2880), "P3": (1440, 7200), "P4": (4320, 10080)},
    "basic": {"P1": (480, 2880), "P2": (1440, 7200), "P3": (4320, 14400), "P4": (10080, 20160)},
}


def expected_24x7_pairs() -> set[tuple[int, int]]:
    """The breaching pairs of 24x7 and on-call clients, computed straight from the data set's JSON."""

    def load(name: str) -> list[dict[str, Any]]:
        return list(json.loads((REFERENCE / f"{name}.json").read_text()).values())

    def ts(value: str | None) -> dt.datetime | None:
        return dt.datetime.fromisoformat(value).replace(tzinfo=UTC) if value else None

    now = dt.datetime.fromisoformat(DATA_NOW[:-1]).replace(tzinfo=UTC)
    active = {a["client_id"]: a for a in load("sla_agreements") if a["status"] == "active"}
    clients_of_ci: dict[str, set[str]] = {}
    for row in load("ci_client_assignments"):
        clients_of_ci.setdefault(row["ci_id"], set()).add(row["client_id"])
    incidents = {i["incident_id"]: i for i in load("incidents")}
    pairs = set()
    for link in load("incident_configuration_items"):
        incident = incidents[link["incident_id"]]
        for client_id in clients_of_ci.get(link["ci_id"], ()):
            agreement = active.get(client_id)
            if agreement is None or agreement["support_coverage"] == "business_hours":
                continue
            response, resolution = MATRIX_24X7[agreement["tier"]][incident["severity"]]
            detected = dt.datetime.fromisoformat(incident["detection_time"]).replace(tzinfo=UTC)
            responded = ts(incident["acknowledged_at"]) or now
            finished = ts(incident["resolved_at"]) or ts(incident["closed_at"]) or now
            if (responded - detected) > dt.timedelta(minutes=response) or (finished - detected) > dt.timedelta(
                minutes=resolution
            ):
                pairs.add((int(incident["incident_id"]), int(client_id)))
    return pairs


def test_reference_data_set_breaches_match_an_independent_computation(api_as: Any, executive: Any) -> None:
    from core.importing import dataset_import

    dataset_import(directory=REFERENCE)
    rows = report(as_of=DATA_NOW)
    found = {(row.incident_id, row.client_id) for row in rows if row.clock == "24x7"}
    assert found == expected_24x7_pairs()
    assert len(found) > 100
    assert len({(row.incident_id, row.client_id) for row in rows}) == len(rows)

    client_id = rows[0].client_id
    narrowed = report(as_of=DATA_NOW, client=str(client_id))
    assert narrowed == [row for row in rows if row.client_id == client_id]
    closed = report(as_of=DATA_NOW, status="closed")
    assert closed == [row for row in rows if row.status == "closed"]
    day = rows[5].detection_time.date().isoformat()
    one_day = report(as_of=DATA_NOW, start_date=day, end_date=day)
    assert one_day == [row for row in rows if row.detection_time.date().isoformat() == day]

    api = api_as(executive)
    page = api.get("/api/v1/sla-breaches/", {"as_of": DATA_NOW, "page_size": 10}).json()
    assert len(page["results"]) == 10
    assert page["next"].startswith("http://testserver/api/v1/sla-breaches/?")
    assert page["results"][0]["incident_number"] == rows[0].incident_number
    following = api.get(page["next"]).json()
    assert following["results"][0]["incident_number"] == rows[10].incident_number
    csv_response = api.get("/api/v1/sla-breaches/", {"as_of": DATA_NOW, "export": "csv"})
    lines = b"".join(csv_response.streaming_content).decode().strip().splitlines()
    assert len(lines) == len(rows) + 1
    assert lines[0].startswith("incident_number,severity")
