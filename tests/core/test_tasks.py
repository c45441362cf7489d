"""Celery over the real Redis broker: beat's heartbeat task reaches a real worker and is recorded."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker

from config.celery import app
from core.models import SchedulerHeartbeat
from core.selectors import heartbeat_state
from core.services import heartbeat_record
from core.tasks import scheduler_heartbeat


@pytest.mark.django_db
def test_heartbeat_is_recorded_in_place() -> None:
    assert heartbeat_state()["seen"] is False
    heartbeat_record()
    heartbeat_record()
    state = heartbeat_state()
    assert state["seen"]
    assert state["healthy"]
    assert state["beats"] == 2
    assert SchedulerHeartbeat.objects.count() == 1


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_heartbeat_task_runs_on_a_real_worker_through_redis() -> None:
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        scheduler_heartbeat.delay()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not SchedulerHeartbeat.objects.exists():
            time.sleep(0.1)
    assert heartbeat_state()["beats"] == 1


@pytest.mark.django_db
def test_health_reports_database_and_scheduler(client: object) -> None:
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "scheduler": "not seen yet"}
    heartbeat_record()
    assert client.get("/health/").json()["scheduler"] == "ok"


def test_the_embedded_broker_keeps_every_folder_in_the_data_directory(tmp_path: Path) -> None:
    """The filesystem transport's queue, processed and control folders all live under TRACER_VAR_DIR."""
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.CELERY_BROKER_TRANSPORT_OPTIONS))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local", "TRACER_VAR_DIR": str(tmp_path)}
    env.pop("CELERY_BROKER_URL", None)
    env.pop("REDIS_URL", None)
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    options = json.loads(out.stdout)
    folders = [options[key] for key in ("data_folder_in", "processed_folder", "control_folder")]
    assert all(Path(folder).is_relative_to(tmp_path) for folder in folders), folders
