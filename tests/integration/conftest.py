"""Real services for the delivery tests: a private Redis, a Celery worker process, an SMTP server (aiosmtpd)."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from config.celery import app

ROOT = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def queue_drained(timeout: float = 30.0) -> bool:
    """Every task sent so far has run: the solo worker takes tasks in order, so once a heartbeat sent now has
    been recorded, everything queued before it is done."""
    from core.models import SchedulerHeartbeat
    from core.tasks import scheduler_heartbeat

    def beats() -> int:
        return SchedulerHeartbeat.objects.filter(name="beat").values_list("beats", flat=True).first() or 0

    before = beats()
    scheduler_heartbeat.delay()
    return wait_for(lambda: beats() > before, timeout)


def wait_for(check: Callable[[], bool], timeout: float = 30.0, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return check()


@dataclass
class Mailbox:
    """Messages the SMTP server accepted (replied 250 to); a client gone before the reply delivered nothing."""

    accepted: list[dict[str, Any]] = field(default_factory=list)
    hold_seconds: float = 0.0
    holds_left: int = 0
    holding: int = 0
    """Messages the server is holding now (it has the data and has not replied)."""
    holds_done: int = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's hook name)
        if self.holds_left > 0:
            self.holds_left -= 1
            self.holding += 1
            try:
                await asyncio.sleep(self.hold_seconds)
            finally:
                self.holding -= 1
                self.holds_done += 1
            if server.transport is None or server.transport.is_closing():
                return "421 client went away"
        text = envelope.content.decode("utf-8", "replace")
        headers = dict(line.split(": ", 1) for line in text.split("\r\n\r\n", 1)[0].split("\r\n") if ": " in line)
        self.accepted.append(
            {
                "to": envelope.rcpt_tos,
                "subject": headers.get("Subject", ""),
                "id": headers.get("Message-ID"),
                "text": text,
            }
        )
        return "250 OK"

    def subjects(self) -> list[str]:
        return [message["subject"] for message in self.accepted]


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, int]]:
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield mailbox, port
    controller.stop()


class PrivateRedis:
    """A Redis of the test's own, which the test may stop and start (the shared one stays untouched)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is needed for the delivery tests")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_for(self._answers, 10), "the private Redis did not start"

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


@pytest.fixture
def redis_broker() -> Iterator[PrivateRedis]:
    """A private Redis that this process's Celery producer also uses for the test's duration."""
    broker = PrivateRedis()
    broker.start()
    previous = app.conf.broker_url
    _use_broker(broker.url)
    yield broker
    broker.stop()
    _use_broker(previous)


def _use_broker(url: str) -> None:
    """Point this process's Celery producer at another broker (its pools are rebuilt on next use)."""
    app.conf.broker_url = url
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


class Worker:
    """`celery worker` as a separate process over the test database, the given broker and SMTP server."""

    def __init__(self, broker: PrivateRedis, smtp_port: int, log: Path, email_timeout: int = 30) -> None:
        self.broker, self.smtp_port, self.log, self.email_timeout = broker, smtp_port, log, email_timeout
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        db = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "TEST_DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "TEST_REDIS_URL": self.broker.url,
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.smtp_port),
            "EMAIL_TIMEOUT": str(self.email_timeout),
        }
        command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=INFO",
                   "--without-gossip", "--without-mingle", "--without-heartbeat"]  # fmt: skip
        handle = self.log.open("ab")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
        assert wait_for(lambda: b"ready." in self.log.read_bytes(), 60), self.log.read_text()[-3000:]

    def kill(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()
            self.process = None


@pytest.fixture
def worker_factory(tmp_path: Path) -> Iterator[Callable[..., Worker]]:
    started: list[Worker] = []

    def make(broker: PrivateRedis, smtp_port: int, email_timeout: int = 30) -> Worker:
        worker = Worker(broker, smtp_port, tmp_path / f"worker-{len(started)}.log", email_timeout)
        started.append(worker)
        worker.start()
        return worker

    yield make
    for worker in started:
        worker.stop()
