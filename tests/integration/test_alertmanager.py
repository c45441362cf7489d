"""A real Prometheus Alertmanager (Debian's) routes alerts to Tracer's receiving address: the alert opens one
incident, Alertmanager's repeats and a duplicate push change nothing but the count, and resolving the alert in
Alertmanager resolves it in Tracer."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.actor import Actor
from incidents.models import Incident
from integrations.models import Alert
from integrations.services import integration_create
from tests.accounts.factories import UserFactory
from tests.integration.conftest import free_port, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BINARY = "prometheus-alertmanager"


class Alertmanager:
    def __init__(self, receiver: str, folder: Path) -> None:
        self.port = free_port()
        config = folder / "alertmanager.yml"
        config.write_text(
            "route:\n  receiver: tracer\n  group_by: [alertname]\n  group_wait: 1s\n  group_interval: 2s\n"
            "  repeat_interval: 4s\n"
            f'receivers:\n  - name: tracer\n    webhook_configs:\n      - url: "{receiver}"\n        send_resolved: true\n'
        )
        binary = shutil.which(BINARY)
        if binary is None:
            pytest.fail(f"{BINARY} is missing: `make test` installs Debian's prometheus-alertmanager.")
        self.log = (folder / "alertmanager.log").open("wb")
        self.process = subprocess.Popen(
            [binary, f"--config.file={config}", f"--storage.path={folder / 'data'}",
             f"--web.listen-address=127.0.0.1:{self.port}", "--cluster.listen-address="],
            stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        assert wait_for(self.ready, 20), (folder / "alertmanager.log").read_text()[-2000:]

    def ready(self) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/-/ready", timeout=1) as answer:
                return bool(answer.status == 200)
        except OSError:
            return False

    def push(self, alerts: list[dict[str, Any]]) -> None:
        """Alertmanager's own API, as Prometheus uses it."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/api/v2/alerts", data=json.dumps(alerts).encode(),
            headers={"Content-Type": "application/json"}, method="POST",
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=5) as answer:
            assert answer.status == 200

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)
        self.log.close()


@pytest.fixture
def alertmanager(live_server: Any, tmp_path: Path) -> Iterator[tuple[Alertmanager, Any]]:
    manager = UserFactory(role="incident_manager")
    integration, key = integration_create(
        actor=Actor.web(manager), data={"name": "Prometheus", "kind": "alertmanager", "auto_resolve": True}
    )
    instance = Alertmanager(f"{live_server.url}/api/v1/intake/{key}/", tmp_path)
    yield instance, integration
    instance.stop()


def disk_alert(**changes: Any) -> dict[str, Any]:
    return {
        "labels": {"alertname": "DiskFull", "service": "orders-db", "severity": "warning", "instance": "db-7"},
        "annotations": {"summary": "Disk 93 % full"}, "generatorURL": "http://prometheus:9090/graph?g0.expr=disk",
        **changes,
    }  # fmt: skip


def test_alertmanager_opens_one_incident_repeats_change_nothing_and_resolving_resolves(alertmanager: Any) -> None:
    manager, integration = alertmanager
    manager.push([disk_alert()])
    assert wait_for(lambda: Incident.objects.exists(), 30)
    incident = Incident.objects.get()
    assert (incident.severity, incident.title) == ("P3", "DiskFull: Disk 93 % full")
    alert = Alert.objects.get(integration=integration)
    assert alert.fingerprint
    assert alert.status == "firing"

    manager.push([disk_alert()])  # Prometheus re-sends every evaluation: the same alert
    manager.push([disk_alert()])
    assert wait_for(lambda: Alert.objects.get().count >= 2, 20)  # Alertmanager's repeat notification arrived
    assert (Alert.objects.count(), Incident.objects.count()) == (1, 1)

    manager.push([disk_alert(endsAt=(dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)).isoformat())])
    assert wait_for(lambda: Alert.objects.get().status == "resolved", 30)
    assert wait_for(lambda: Incident.objects.get().status == "resolved", 10)
    assert Incident.objects.get().resolution_code == "self_recovered"
    assert Incident.objects.count() == 1
