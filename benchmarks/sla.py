"""SLA scan and breach report over a million incidents of history, against hand-written SQL doing the same work.

It fills a PostgreSQL database of its own (`tracer_bench` by default, kept between runs) with closed history
and a small live tail, then times: one tick of the breach scan, and the first page of the breach report
(with and without a client filter). Each is printed beside one hand-written query returning the same ids, as
a ratio. The scan is also timed at a tenth of the history to show that its cost does not grow with it.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TOTAL = int(os.environ.get("BENCH_INCIDENTS", "1000000"))
DATABASE = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tracer_bench")
RESULTS = Path(__file__).parent / "results"
NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
LIVE_SHARE = 0.002  # unfinished incidents: the part of the table the scan must look at


def setup() -> None:
    # The served benchmarks' settings: connections persist, as in production (statements run again and again are
    # then planned once per connection, as they are there).
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.server.settings"
    os.environ["TEST_DATABASE_URL"] = DATABASE
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import psycopg

    base, name = DATABASE.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def timed(call: Callable[[], Any], repeat: int = 7) -> tuple[float, Any]:
    """Median wall time in milliseconds over `repeat` runs (after one warm-up), and the last result."""
    result = call()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), result


def fill(target: int) -> None:
    """Grow the history to `target` incidents with set-based inserts (one SLA row per incident)."""
    from django.db import connection

    from accounts.models import Client, User
    from cmdb.models import ConfigurationItem
    from sla.models import SLAAgreement

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM incidents_incident")
        have = cursor.fetchone()[0]
    if have >= target:
        return
    if not User.objects.filter(email="bench@tracer.test").exists():
        user = User.objects.create(
            email="bench@tracer.test", first_name="Bench", last_name="Mark", role="incident_manager"
        )
        owner = User.objects.create(
            email="owner@tracer.test", first_name="Ci", last_name="Owner", role="technical_support"
        )
        for index in range(25):
            client = Client.objects.create(
                client_name=f"Client {index}", registration_number=f"BENCH{index}", company_type="smb",
                support_coverage="24x7", preferred_communication="email", on_call_emails=f"oncall{index}@bench.test",
            )  # fmt: skip
            SLAAgreement.objects.create(
                client=client, tier=("premium", "standard", "basic")[index % 3], support_coverage="24x7",
                effective_date=dt.date(2024, 1, 1), created_by=user,
            )  # fmt: skip
            ConfigurationItem.objects.create(
                ci_name=f"ci-{index}", ci_type="server", environment="production", responsible_owner=owner
            )
    user_id = User.objects.get(email="bench@tracer.test").pk
    print(f"filling incidents {have:,} -> {target:,} ...", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO incidents_incident (incident_number, title, description, category, severity, impact, urgency,
                status, reported_by_id, assigned_to_id, detection_time, acknowledged_at, resolved_at, closed_at,
                created_at, updated_at, resolution_code, resolution_notes)
            SELECT 'INC' || lpad(n::text, 9, '0'), 'Incident ' || n, 'Generated history', 'software',
                'P' || (1 + n %% 4), 'medium', 'medium',
                CASE WHEN n %% %(live)s = 0 THEN 'in_progress' ELSE 'closed' END,
                %(user)s, %(user)s, d, d + ((n %% 97) || ' minutes')::interval,
                CASE WHEN n %% %(live)s = 0 THEN NULL ELSE d + ((n %% 3000) || ' minutes')::interval END,
                CASE WHEN n %% %(live)s = 0 THEN NULL ELSE d + ((n %% 3000 + 60) || ' minutes')::interval END,
                d, d, CASE WHEN n %% %(live)s = 0 THEN '' ELSE 'fixed' END, ''
            FROM (SELECT n, %(now)s::timestamptz - ((n * 37) %% 1051200 || ' minutes')::interval AS d
                  FROM generate_series(%(first)s, %(last)s) AS n) AS gen
            """,
            {"live": int(1 / LIVE_SHARE), "user": user_id, "now": NOW, "first": have + 1, "last": target},
        )
        cursor.execute(
            """
            INSERT INTO sla_incidentsla (incident_id, client_id, agreement_id, tier, clock, response_minutes,
                resolution_minutes, response_due_at, resolution_due_at, response_warn_at, resolution_warn_at,
                response_met_at, resolution_met_at)
            SELECT i.id, a.client_id, a.id, a.tier, '24x7', 30, 240,
                i.detection_time + interval '30 minutes', i.detection_time + interval '240 minutes',
                i.detection_time + interval '22 minutes 30 seconds', i.detection_time + interval '180 minutes',
                i.acknowledged_at, COALESCE(i.resolved_at, i.closed_at)
            FROM incidents_incident i
            JOIN sla_slaagreement a ON a.id = (SELECT min(id) FROM sla_slaagreement) + i.id %% 25
            WHERE i.id > (SELECT COALESCE(max(incident_id), 0) FROM sla_incidentsla)
            """,
            [],
        )
        cursor.execute("ANALYZE incidents_incident; ANALYZE sla_incidentsla;")
    print(f"  filled in {time.perf_counter() - started:.1f} s", flush=True)


def scan_sql(now: dt.datetime) -> list[int]:
    """The hand-written baseline of one scan tick: the four index range reads, nothing stamped."""
    from django.db import connection

    ids: list[int] = []
    with connection.cursor() as cursor:
        for due, stamp, met in (
            ("response_due_at", "response_breached_at", "response_met_at"),
            ("resolution_due_at", "resolution_breached_at", "resolution_met_at"),
            ("response_warn_at", "response_warned_at", "response_met_at"),
            ("resolution_warn_at", "resolution_warned_at", "resolution_met_at"),
        ):
            cursor.execute(
                f"SELECT id FROM sla_incidentsla WHERE {met} IS NULL AND {stamp} IS NULL AND {due} <= %s "
                f"ORDER BY {due} LIMIT 500",
                [now],
            )
            ids += [row[0] for row in cursor.fetchall()]
    return ids


def report_sql(now: dt.datetime, client_id: int | None) -> list[tuple[int, int]]:
    """The hand-written baseline of the report's first page: the same pairs, in the same order."""
    from django.db import connection

    where = "AND s.client_id = %(client)s" if client_id else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT s.incident_id, s.client_id FROM sla_incidentsla s JOIN incidents_incident i ON i.id = s.incident_id
            WHERE (COALESCE(i.acknowledged_at, %(now)s) > s.response_due_at
                   OR COALESCE(i.resolved_at, i.closed_at, %(now)s) > s.resolution_due_at) {where}
            ORDER BY i.detection_time, s.incident_id, s.client_id LIMIT 100
            """,
            {"now": now, "client": client_id},
        )
        return [tuple(row) for row in cursor.fetchall()]


def measure(label: str) -> dict[str, Any]:
    from sla.breaches import BreachFilters
    from sla.models import SLAAgreement
    from sla.services.scan import sla_scan

    sla_scan(now=NOW)  # the first tick after loading stamps what was already due; ticks after it are the steady state
    tick_ms, _ = timed(lambda: sla_scan(now=NOW))
    tick_sql_ms, _ = timed(lambda: scan_sql(NOW))
    client_id = SLAAgreement.objects.order_by("id").values_list("client_id", flat=True).first()
    results: dict[str, Any] = {"label": label, "scan_tick_ms": tick_ms, "scan_tick_sql_ms": tick_sql_ms}
    for name, filters in (
        ("report", BreachFilters(as_of=NOW)),
        ("report_client", BreachFilters(as_of=NOW, client=_client(client_id))),
    ):
        client_pk = filters.client.pk if filters.client else None
        ms, rows = timed(functools.partial(_report_page, filters), repeat=5)
        sql_ms, baseline = timed(functools.partial(report_sql, NOW, client_pk), repeat=5)
        assert [(r.incident_id, r.client_id) for r in rows] == baseline, f"{name}: the report and the SQL disagree"
        results[f"{name}_ms"], results[f"{name}_sql_ms"] = ms, sql_ms
    print(
        f"{label:>19} | scan tick {_pair(results, 'scan_tick')} | report page {_pair(results, 'report')}"
        f" | by client {_pair(results, 'report_client')}",
        flush=True,
    )
    return results


def _report_page(filters: Any) -> Any:
    from core.actor import Actor
    from sla.breaches import breach_rows, breaching_pairs

    return breach_rows(breaching_pairs(filters, actor=Actor.system())[:100], filters)


def _pair(results: dict[str, Any], name: str) -> str:
    ours, sql = results[f"{name}_ms"], results[f"{name}_sql_ms"]
    return f"{ours:7.2f} ms (SQL {sql:6.2f} ms, x{ours / max(sql, 0.01):.1f})"


def _incidents() -> int:
    """How many the history holds (a database kept from a larger run holds more than asked)."""
    from incidents.models import Incident

    return Incident.objects.count()


def _client(client_id: int | None) -> Any:
    from accounts.models import Client

    return Client.objects.get(pk=client_id) if client_id else None


def main() -> None:
    setup()
    runs = []
    for size in (TOTAL // 10, TOTAL):
        fill(size)
        runs.append(measure(f"{_incidents():,} incidents"))
    small, large = runs
    if small["label"] == large["label"]:  # the history was already filled by an earlier run
        print("scan tick growth: measured only on a new bench database (`dropdb tracer_bench` to see it again)")
    else:
        growth = large["scan_tick_ms"] / max(small["scan_tick_ms"], 0.01)
        print(f"scan tick growth from {small['label']} to {large['label']}: x{growth:.2f} (flat is about 1)")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "sla.json").write_text(json.dumps(runs, indent=2))
