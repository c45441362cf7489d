"""Celery over the real Redis broker: beat's heartbeat task reaches a real worker and is recorded."""

import time

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
