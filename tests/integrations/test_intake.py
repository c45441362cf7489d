"""Alert intake through the receiving address: each kind's native payload, deduplication by fingerprint, grouping,
the incident the rules open (with every rule of the book), resolution, refusals, and the rate limit."""

import copy
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client

from accounts.models import User
from bridges.models import Bridge
from core.actor import Actor
from incidents.models import Incident
from integrations.models import Alert, Integration
from integrations.services import integration_create
from sla.models import IncidentSLA
from tests.accounts.factories import ClientFactory
from tests.cmdb.factories import AssignmentFactory
from tests.helpers import race
from tests.incidents.factories import IncidentFactory
from tests.sla.factories import SLAAgreementFactory

pytestmark = pytest.mark.django_db

ALERTMANAGER = {
    "version": "4", "groupKey": '{}:{alertname="DiskFull"}', "status": "firing", "receiver": "tracer",
    "groupLabels": {"alertname": "DiskFull"}, "commonLabels": {}, "commonAnnotations": {},
    "externalURL": "http://alertmanager:9093",
    "alerts": [{
        "status": "firing", "labels": {"alertname": "DiskFull", "service": "orders-db", "severity": "critical"},
        "annotations": {"summary": "Disk 97 % full", "description": "/var on db-7"},
        "startsAt": "2026-12-02T10:00:00Z", "endsAt": "0001-01-01T00:00:00Z",
        "generatorURL": "http://prometheus:9090/graph?g0.expr=disk", "fingerprint": "a1b2c3d4",
    }],
}  # fmt: skip
GRAFANA = {
    "receiver": "tracer", "status": "firing", "orgId": 1, "groupKey": "{}:{alertname=\"Latency\"}",
    "groupLabels": {"alertname": "Latency"}, "commonLabels": {}, "commonAnnotations": {}, "version": "1",
    "externalURL": "http://grafana:3000/", "title": "[FIRING:1] Latency", "state": "alerting", "message": "",
    "alerts": [{
        "status": "firing", "labels": {"alertname": "Latency", "service": "orders-db", "severity": "warning"},
        "annotations": {"summary": "p99 above 2 s"}, "startsAt": "2026-12-02T10:00:00Z",
        "endsAt": "0001-01-01T00:00:00Z", "generatorURL": "http://grafana:3000/alerting/grafana/x/view",
        "fingerprint": "f00d", "silenceURL": "", "dashboardURL": "", "panelURL": "", "values": {"B": 2.4},
    }],
}  # fmt: skip
GENERIC = {"title": "Queue backlog over 10 000", "severity": "P2", "status": "firing", "fingerprint": "queue-1",
           "labels": {"service": "orders-db"}, "source_url": "https://grafana.example/d/q"}  # fmt: skip


@pytest.fixture
def setup(manager: User) -> dict[str, Any]:
    client = ClientFactory(client_name="Acme")
    SLAAgreementFactory(client=client, tier="premium", support_coverage="24x7")
    ci = AssignmentFactory(client=client, ci__ci_name="orders-db").ci
    return {"manager": manager, "client": client, "ci": ci}


def source(setup: dict[str, Any], kind: str, **data: Any) -> tuple[Integration, str]:
    integration, key = integration_create(
        actor=Actor.web(setup["manager"]), data={"name": f"{kind} prod", "kind": kind, "client": setup["client"].pk,
                                                 **data},
    )  # fmt: skip
    return integration, f"/api/v1/intake/{key}/"


def deliver(url: str, payload: Any) -> Any:
    return Client().post(url, payload, content_type="application/json")


@pytest.mark.parametrize(("kind", "payload", "severity"), [
    ("alertmanager", ALERTMANAGER, "P1"), ("grafana", GRAFANA, "P3"), ("generic", GENERIC, "P2"),
])  # fmt: skip
def test_each_kind_opens_one_incident_by_the_rules(setup: Any, kind: str, payload: Any, severity: str) -> None:
    _integration, url = source(setup, kind)
    answer = deliver(url, payload)
    assert answer.status_code == 202, answer.json()
    assert (answer.json()["new"], len(answer.json()["incidents"])) == (1, 1)
    incident = Incident.objects.get()
    assert incident.severity == severity
    assert list(incident.configuration_items.all()) == [setup["ci"]]
    assert incident.incident_number.startswith("INC")
    assert IncidentSLA.objects.filter(incident=incident, client=setup["client"]).exists()  # the SLA clock runs
    assert Alert.objects.get().incident == incident
    if severity == "P1":  # a P1 nobody holds waits for an incident manager, who opens its bridge on taking it
        assert incident.notes.filter(note_text__startswith="Raised as P1 with no incident manager").exists()
        assert not Bridge.objects.filter(incident=incident).exists()


def test_repeats_and_retries_update_the_alert_and_create_nothing(setup: Any) -> None:
    _integration, url = source(setup, "alertmanager")
    for _ in range(5):
        assert deliver(url, ALERTMANAGER).status_code == 202
    alert = Alert.objects.get()
    assert (alert.count, Incident.objects.count()) == (5, 1)
    assert alert.last_seen >= alert.first_seen


@pytest.mark.parametrize(
    ("one_statement", "persistent"), [(True, False), (True, True), (False, False)],
    ids=["postgresql", "postgresql-planned-once", "elsewhere"],
)  # fmt: skip
def test_alerts_of_one_group_join_the_same_incident(
    setup: Any, one_statement: bool, persistent: bool, monkeypatch: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from integrations.services import intake

    monkeypatch.setattr(intake, "_one_statement", lambda: one_statement)
    if persistent:  # connections kept, as in production: the statement is prepared once and executed by name
        monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)
    _integration, url = source(setup, "alertmanager")
    deliver(url, ALERTMANAGER)
    incident = Incident.objects.get()
    notes = incident.notes.count()
    second = copy.deepcopy(ALERTMANAGER)
    second["alerts"][0].update(
        fingerprint="e5f6", labels={"alertname": "DiskFull", "instance": "db-8", "severity": "critical"}
    )
    with CaptureQueriesContext(connection) as captured:
        answer = deliver(url, second).json()
    assert (answer["new"], answer["incidents"], Incident.objects.count()) == (1, [incident.incident_number], 1)
    settled_by_name = any(query["sql"].startswith("EXECUTE tracer_alert_settle") for query in captured.captured_queries)
    assert settled_by_name == (persistent and one_statement)
    assert deliver(url, second).json()["repeats"] == 1
    joined = Alert.objects.get(fingerprint="e5f6")
    assert (joined.incident, joined.count, joined.labels["instance"], joined.severity) == (incident, 2, "db-8", "P1")
    assert incident.notes.count() == notes  # listed on the incident's Alerts card, not one timeline note each


def test_a_group_whose_incident_is_resolved_opens_a_new_one(setup: Any) -> None:
    _integration, url = source(setup, "generic")
    deliver(url, {**GENERIC, "severity": "P4", "group": "queues"})
    first = Incident.objects.get()
    first.status = "resolved"
    first.save(update_fields=["status"])
    deliver(url, {**GENERIC, "severity": "P4", "group": "queues", "fingerprint": "queue-2"})
    assert Alert.objects.get(fingerprint="queue-2").incident not in (None, first)


def test_an_open_incident_behind_many_newer_peers_of_closed_ones_is_still_joined(setup: Any) -> None:
    """The one-statement join looks at the group's latest peers only; past them the locked way finds the open
    incident all the same."""
    from integrations.services.intake import RECENT_PEERS
    from tests.integrations.factories import AlertFactory

    integration, url = source(setup, "generic")
    deliver(url, {**GENERIC, "severity": "P4", "group": "queues"})
    open_one = Incident.objects.get()
    closed = IncidentFactory(status="closed")
    for _ in range(RECENT_PEERS + 1):
        AlertFactory(integration=integration, group_key="queues", incident=closed)
    answer = deliver(url, {**GENERIC, "severity": "P4", "group": "queues", "fingerprint": "queue-9"}).json()
    assert answer["incidents"] == [open_one.incident_number]
    assert Alert.objects.get(fingerprint="queue-9").incident == open_one


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("open_before", [True, False], ids=["incident-open", "no-incident-yet"])
def test_a_storm_of_one_group_makes_one_incident(manager: User, open_before: bool) -> None:
    from integrations.services import alerts_receive

    integration, _key = integration_create(actor=Actor.web(manager), data={"name": "storm", "kind": "generic"})
    alert = {"title": "Pods crash-looping", "severity": "P4", "group": "k8s"}
    if open_before:
        alerts_receive(integration=integration, payload={**alert, "fingerprint": "pod-0"})
    answers = race([lambda n=n: alerts_receive(integration=integration, payload={**alert, "fingerprint": f"pod-{n}"})
                    for n in range(1, 5)])  # fmt: skip
    assert sum(answer.new for answer in answers) == 4
    assert Incident.objects.count() == 1
    assert set(Alert.objects.values_list("incident", flat=True)) == {Incident.objects.get().pk}


def test_resolution_is_noted_and_may_resolve_the_incident(setup: Any) -> None:
    _integration, url = source(setup, "generic", auto_resolve=True)
    deliver(url, {**GENERIC, "severity": "P4"})
    incident = Incident.objects.get()
    assert deliver(url, {**GENERIC, "severity": "P4", "status": "resolved"}).json()["resolved"] == 1
    incident.refresh_from_db()
    assert (incident.status, incident.resolution_code) == ("resolved", "self_recovered")
    assert incident.notes.filter(note_text__startswith="Alert resolved at the source").exists()
    assert Alert.objects.get().status == "resolved"


def test_without_auto_resolve_the_incident_stays_open(setup: Any) -> None:
    _integration, url = source(setup, "generic")
    deliver(url, GENERIC)
    deliver(url, {**GENERIC, "status": "resolved"})
    assert Incident.objects.get().status != "resolved"


@pytest.mark.parametrize("payload", [
    {"title": ""}, {"title": "x", "status": "burning"}, {"title": "x", "labels": ["a"]}, {"title": "x", "severity": "P9"},
])  # fmt: skip
def test_a_malformed_payload_is_refused_and_writes_nothing(setup: Any, payload: Any) -> None:
    _integration, url = source(setup, "generic")
    answer = deliver(url, payload)
    assert (answer.status_code, answer.json()["code"]) == (400, "invalid_payload")
    assert not Alert.objects.exists()
    assert not Incident.objects.exists()


def test_a_grouped_payload_with_one_bad_alert_is_refused_whole(setup: Any) -> None:
    _integration, url = source(setup, "alertmanager")
    broken = copy.deepcopy(ALERTMANAGER)
    broken["alerts"].append({"status": "weird", "labels": {}})
    assert deliver(url, broken).json()["code"] == "invalid_payload"
    assert not Alert.objects.exists()


def test_an_unknown_or_rotated_key_is_not_found(setup: Any, api_as: Any) -> None:
    integration, url = source(setup, "generic")
    assert deliver("/api/v1/intake/not-a-key/", GENERIC).status_code == 404
    rotated = api_as(setup["manager"]).post(f"/api/v1/integrations/{integration.pk}/rotate-key/").json()
    assert deliver(url, GENERIC).status_code == 404
    assert deliver(urlsplit(rotated["url"]).path, GENERIC).status_code == 202


def test_a_source_over_its_rate_is_told_when_to_retry(setup: Any) -> None:
    _integration, url = source(setup, "generic", rate_per_minute=3)
    answers = [deliver(url, GENERIC) for _ in range(4)]
    assert [a.status_code for a in answers] == [202, 202, 202, 429]
    assert 1 <= int(answers[-1]["Retry-After"]) <= 60
    assert Alert.objects.get().count == 3


def test_the_api_creates_a_source_once_with_its_address_and_lists_alerts(
    setup: Any, api_as: Any, support: User
) -> None:
    api = api_as(setup["manager"])
    created = api.post("/api/v1/integrations/", {"name": "Grafana", "kind": "grafana",
                                                 "rules": {"default_severity": "P2"}}, format="json")  # fmt: skip
    assert created.status_code == 201, created.json()
    assert "/api/v1/intake/" in created.json()["url"]
    assert "url" not in api.get(f"/api/v1/integrations/{created.json()['id']}/").json()
    wrong = api.post("/api/v1/integrations/", {"name": "X", "kind": "generic", "rules": {"default_severity": "P7"}},
                     format="json")  # fmt: skip
    assert (wrong.status_code, wrong.json()["code"]) == (400, "invalid_rules")
    refused = api_as(support).post("/api/v1/integrations/", {"name": "Y", "kind": "generic"}, format="json")
    assert (refused.status_code, refused.json()["code"]) == (403, "not_permitted")
    deliver(urlsplit(created.json()["url"]).path, GRAFANA)
    listed = api.get("/api/v1/alerts/", {"status": "firing"}).json()["results"]
    assert [(row["fingerprint"], row["count"]) for row in listed] == [("f00d", 1)]


@pytest.mark.django_db(transaction=True)
def test_concurrent_deliveries_of_one_alert_make_one_alert_and_one_incident(manager: User) -> None:
    from integrations.services import alerts_receive

    integration, _key = integration_create(actor=Actor.web(manager), data={"name": "am", "kind": "alertmanager"})
    answers = race([lambda: alerts_receive(integration=integration, payload=ALERTMANAGER) for _ in range(4)])
    assert sorted(answer.new for answer in answers) == [0, 0, 0, 1]
    assert (Alert.objects.get().count, Incident.objects.count()) == (4, 1)


def test_an_integration_is_rerouted_or_turned_off(setup: Any, api_as: Any) -> None:
    integration, url = source(setup, "generic")
    api = api_as(setup["manager"])
    changed = api.patch(f"/api/v1/integrations/{integration.pk}/",
                        {"rules": {"default_severity": "P4"}, "auto_resolve": True}, format="json")  # fmt: skip
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["rules"]["default_severity"], changed.json()["auto_resolve"]) == ("P4", True)
    refused = api.patch(f"/api/v1/integrations/{integration.pk}/", {"kind": "grafana"}, format="json")
    assert refused.status_code == 400
    assert Integration.objects.get(pk=integration.pk).kind == "generic"
    api.patch(f"/api/v1/integrations/{integration.pk}/", {"enabled": False}, format="json")
    assert deliver(url, GENERIC).status_code == 404  # a source turned off has no address


def test_the_routing_is_changed_on_the_page(setup: Any) -> None:
    integration, _url = source(setup, "alertmanager")
    browser = Client()
    browser.force_login(setup["manager"])
    page = browser.get(f"/integrations/{integration.pk}/").content.decode()
    assert "critical=P1" in page
    form = {"name": "Prometheus EU", "ci_label": "job", "severity_label": "level", "severity_map": "page=P1, ticket=P3",
            "default_severity": "P4", "title_template": "{alertname}", "group_window_minutes": "10",
            "policy": "", "rate_per_minute": "100", "enabled": "on"}  # fmt: skip
    browser.post(f"/integrations/{integration.pk}/edit/", form)
    integration.refresh_from_db()
    assert (integration.name, integration.rules["severity_map"], integration.rules["ci_label"]) == (
        "Prometheus EU", {"page": "P1", "ticket": "P3"}, "job",
    )  # fmt: skip
    assert (integration.auto_resolve, integration.enabled) == (False, True)
