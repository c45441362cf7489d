"""Scaled out, still once: two web processes (gunicorn) take the incidents, two Celery workers deliver, and two
schedulers tick at once (each tick's scan and sweep queued twice, as two beats would). Every SLA breach is
recorded once and every email reaches the SMTP server once."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.authtoken.models import Token

from communications.models import OutboxMessage, OutboxStatus
from communications.tasks import sweep_outbox
from sla.models import SLABreach
from sla.tasks import scan_sla
from tests.accounts.factories import ClientFactory, UserFactory
from tests.cmdb.factories import AssignmentFactory
from tests.integration.conftest import ROOT, PrivateRedis, free_port, queue_drained, wait_for
from tests.sla.factories import SLAAgreementFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

INCIDENTS = 12


@pytest.fixture
def web_factory(tmp_path: Path) -> Iterator[Any]:
    started: list[subprocess.Popen[bytes]] = []

    def make(broker: PrivateRedis, smtp_port: int) -> str:
        db = connection.settings_dict
        port = free_port()
        env = {
            **os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "TEST_DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "TEST_REDIS_URL": broker.url, "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp_port),
        }  # fmt: skip
        log = (tmp_path / f"web-{len(started)}.log").open("ab")
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--workers", "1", "--bind",
             f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        started.append(process)
        base = f"http://127.0.0.1:{port}"
        assert wait_for(lambda: _answers(f"{base}/health/"), 60), "a web process did not start"
        return base

    yield make
    for process in started:
        process.terminate()
        process.wait(20)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as answer:
            return bool(answer.status < 500)
    except OSError:
        return False


def post(url: str, token: str, body: dict[str, Any]) -> tuple[int, str]:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={
        "Authorization": f"Token {token}", "Content-Type": "application/json"})  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_two_of_everything_still_send_each_email_once(
    redis_broker: Any, smtp: Any, worker_factory: Any, web_factory: Any
) -> None:
    mailbox, port = smtp
    worker_factory(redis_broker, port)
    worker_factory(redis_broker, port)
    webs = [web_factory(redis_broker, port), web_factory(redis_broker, port)]
    manager = UserFactory(role="incident_manager", email="im@tracer.test")
    token = Token.objects.create(user=manager).key
    client = ClientFactory(client_name="Acme", on_call_emails="desk@acme.test")
    SLAAgreementFactory(client=client, tier="premium", support_coverage="24x7")
    ci = AssignmentFactory(client=client).ci
    detected = (timezone.now() - dt.timedelta(hours=9)).isoformat()  # a P3 premium 24x7 answers within 8 h
    for number in range(INCIDENTS):  # taken by both web processes in turn
        status, text = post(f"{webs[number % 2]}/api/v1/incidents/", token, {
            "title": f"Checkout errors {number}", "description": "502s", "category": "software", "severity": "P3",
            "impact": "medium", "urgency": "medium", "detection_time": detected, "assigned_to": manager.pk,
            "configuration_items": [ci.pk]})  # fmt: skip
        assert status == 201, text
    for _tick in range(3):  # two schedulers: each tick's scan and sweep queued twice, run by both workers at once
        for task in (scan_sla, scan_sla, sweep_outbox, sweep_outbox):
            task.delay()
        assert queue_drained(60)
    breaches = OutboxMessage.objects.filter(key__startswith="sla:breach:response:")
    assert wait_for(lambda: not breaches.exclude(status=OutboxStatus.SENT).exists(), 60)
    assert SLABreach.objects.filter(kind="response", stage="breach").count() == INCIDENTS
    assert breaches.count() == INCIDENTS
    sent = Counter(message["id"] for message in mailbox.accepted)
    assert len(sent) == OutboxMessage.objects.filter(status=OutboxStatus.SENT).count()
    assert max(sent.values()) == 1, [key for key, times in sent.items() if times > 1]
    breach_mails = [m for m in mailbox.accepted if "Response SLA breached" in m["subject"]]
    assert len(breach_mails) == INCIDENTS
