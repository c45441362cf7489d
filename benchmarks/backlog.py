"""A backlog of due SLA targets, as an import, a scheduler outage or a bulk load leaves it, cleared by the scan.

It adds `BENCH_BACKLOG` (10,000) unfinished incidents to the bench history whose response target passed half an
hour ago, none of them stamped yet, then runs scan ticks until one finds nothing: each row must end with its
breach recorded once and its email row written once. Printed: the ticks, the total time, the slowest tick, and
the target (under 5 s in total). The backlog is removed afterwards, so the history stays as it was.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

from benchmarks.sla import NOW, RESULTS

BACKLOG = int(os.environ.get("BENCH_BACKLOG", "10000"))
TARGET_SECONDS = 5.0
MARK = "Backlog "


def load(count: int) -> list[int]:
    """`count` unfinished incidents whose response is overdue and unstamped; their ids."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM accounts_user WHERE email = 'bench@tracer.test'")
        user_id = cursor.fetchone()[0]
        cursor.execute(
            """
            INSERT INTO incidents_incident (incident_number, title, description, category, severity, impact, urgency,
                status, reported_by_id, assigned_to_id, detection_time, created_at, updated_at, resolution_code,
                resolution_notes)
            SELECT 'BKL' || lpad(n::text, 9, '0'), %(mark)s || n, 'Overdue after an outage', 'software', 'P3',
                'medium', 'medium', 'in_progress', %(user)s, %(user)s, %(detected)s, %(detected)s, %(detected)s, '', ''

            FROM generate_series(1, %(count)s) AS n
            RETURNING id
            """,
            {"mark": MARK, "user": user_id, "detected": NOW - _minutes(60), "count": count},
        )
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            """
            INSERT INTO sla_incidentsla (incident_id, client_id, agreement_id, tier, clock, response_minutes,
                resolution_minutes, response_due_at, resolution_due_at, response_warn_at, resolution_warn_at)
            SELECT i.id, a.client_id, a.id, a.tier, '24x7', 30, 240, i.detection_time + interval '30 minutes',
                i.detection_time + interval '240 minutes', i.detection_time + interval '22 minutes 30 seconds',
                i.detection_time + interval '180 minutes'
            FROM incidents_incident i
            JOIN sla_slaagreement a ON a.id = (SELECT min(id) FROM sla_slaagreement) + i.id %% 25
            WHERE i.id = ANY(%s)
            """,
            [ids],
        )
    return ids


def unload(ids: list[int]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM communications_outboxmessage WHERE key LIKE 'sla:%%'")
        cursor.execute("DELETE FROM sla_slabreach WHERE incident_id = ANY(%s)", [ids])
        cursor.execute("DELETE FROM sla_incidentsla WHERE incident_id = ANY(%s)", [ids])
        cursor.execute("DELETE FROM incidents_incident WHERE id = ANY(%s)", [ids])


def _minutes(count: int) -> Any:
    import datetime as dt

    return dt.timedelta(minutes=count)


def main() -> None:
    from communications.models import OutboxMessage
    from sla.models import SLABreach
    from sla.services.scan import sla_scan

    sla_scan(now=NOW)  # whatever the history had due is stamped before the backlog arrives
    ids = load(BACKLOG)
    try:
        ticks: list[float] = []
        started = time.perf_counter()
        while True:
            tick = time.perf_counter()
            fired = sla_scan(now=NOW)
            ticks.append(time.perf_counter() - tick)
            if not any(fired.values()):
                break
        total = time.perf_counter() - started
        breaches = SLABreach.objects.filter(incident_id__in=ids).count()
        emails = OutboxMessage.objects.filter(key__startswith="sla:breach:response:").count()
    finally:
        unload(ids)
    verdict = "meets" if total < TARGET_SECONDS and breaches == emails == BACKLOG else "misses"
    print(f"SLA backlog: {BACKLOG:,} overdue targets cleared in {total:.2f} s over {len(ticks)} ticks (slowest "
          f"{max(ticks):.2f} s); {breaches:,} breaches and {emails:,} emails recorded once each ({verdict} the "
          f"{TARGET_SECONDS:.0f} s target)")  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    results = {"backlog": BACKLOG, "total_s": round(total, 3), "ticks": [round(t, 3) for t in ticks],
               "breaches": breaches, "emails": emails}  # fmt: skip
    (RESULTS / "backlog.json").write_text(json.dumps(results, indent=2))
