"""Alert intake through the service layer against hand-written SQL doing the same work, in the same run.

Baseline: in one transaction, insert the alert with its dedup key (or bump its count on conflict) plus one more
row (an outbox row), in plain SQL. Measured: `alerts_receive` taking one generic alert per delivery, (a) repeats
of a firing alert, (b) new alerts joining their group's open incident (the alert row attached to it). Each
is the median per-delivery time over a batch, measured right after a batch of the baseline, in `BENCH_ROUNDS`
(3) alternating rounds (this machine's speed drifts within minutes); the ratio printed is the median of the
rounds' baseline / intake (1.0: as fast as the SQL), with their spread.
"""

from __future__ import annotations

import json
import os
import statistics
import time
import uuid
from collections.abc import Callable
from typing import Any

from benchmarks.sla import RESULTS

DELIVERIES = 300
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


def per_call(call: Callable[[int], Any], count: int = DELIVERIES) -> float:
    """Median milliseconds of `call(n)` for n in range(count), after 20 warm-up calls."""
    for index in range(20):
        call(10_000_000 + index)
    samples = []
    for index in range(count):
        start = time.perf_counter()
        call(index)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def baseline(integration_id: int) -> Callable[[int], None]:
    from django.db import connection, transaction

    def run(index: int) -> None:
        fingerprint = f"raw-{index % 50}" if index < 10_000_000 else f"warm-{index}"
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                """INSERT INTO integrations_alert (integration_id, fingerprint, group_key, status, title, severity,
                       labels, annotations, source_url, count, first_seen, last_seen)
                   VALUES (%s, %s, '', 'firing', 'Disk full', 'P3', '{}', '{}', '', 1, now(), now())
                   ON CONFLICT (integration_id, fingerprint)
                   DO UPDATE SET count = integrations_alert.count + 1, last_seen = now()""",
                [integration_id, fingerprint],
            )
            cursor.execute(
                """INSERT INTO communications_outboxmessage (key, channel, payload, "to", subject, body_text,
                       body_html, status, attempts, last_error, created_at, next_attempt_at, claim_token)
                   VALUES (%s, 'webhook', '{}', '[]', 'alert', '', '', 'pending', 0, '', now(), now(), '')""",
                [f"bench:{uuid.uuid4().hex}"],
            )

    return run


def main() -> None:
    from accounts.models import User
    from core.actor import Actor
    from integrations.models import Alert, Integration
    from integrations.services import alerts_receive, integration_create

    owner, _ = User.objects.get_or_create(
        email="bench-intake@tracer.test",
        defaults={"first_name": "Bench", "last_name": "Intake", "role": "incident_manager"},
    )
    Integration.objects.filter(name__startswith="bench-").delete()
    raw, _key = integration_create(
        actor=Actor.web(owner), data={"name": f"bench-raw-{uuid.uuid4().hex[:6]}", "kind": "generic"}
    )
    source, _key = integration_create(
        actor=Actor.web(owner), data={"name": f"bench-{uuid.uuid4().hex[:6]}", "kind": "generic"}
    )

    def repeat(index: int) -> None:
        alerts_receive(integration=source, payload={"title": "Disk full", "fingerprint": "repeat-1", "group": "g"})

    def new_in_group(index: int) -> None:
        alerts_receive(integration=source, payload={"title": "Disk full", "fingerprint": f"new-{uuid.uuid4().hex}",
                                                    "group": "g", "severity": "P4"})  # fmt: skip

    new_in_group(-1)  # the group's open incident that the new alerts join
    measured: dict[str, list[tuple[float, float]]] = {"repeat": [], "new_in_group": []}
    run_baseline = baseline(raw.pk)
    for _round in range(ROUNDS):
        for name, call in (("repeat", repeat), ("new_in_group", new_in_group)):
            measured[name].append((per_call(run_baseline), per_call(call)))
    results: dict[str, Any] = {"alerts": Alert.objects.filter(integration=source).count()}
    for name, rounds in measured.items():
        ratios = sorted(base / took for base, took in rounds)
        ratio = statistics.median(ratios)
        took = statistics.median(took for _base, took in rounds)
        base = statistics.median(base for base, _took in rounds)
        results |= {f"{name}_ms": round(took, 3), f"{name}_baseline_ms": round(base, 3),
                    f"{name}_ratio": round(ratio, 2), f"{name}_rounds": [round(r, 2) for r in ratios]}  # fmt: skip
        verdict = "meets" if ratio >= 0.75 else "below"
        print(f"alert intake, {name.replace('_', ' ')}: {took:.2f} ms per delivery against {base:.2f} ms of raw "
              f"SQL: x{ratio:.2f} of the baseline, median of {len(ratios)} alternating rounds "
              f"(x{ratios[0]:.2f}-{ratios[-1]:.2f}; {verdict} the 0.75 target)")  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "intake.json").write_text(json.dumps(results, indent=2))
