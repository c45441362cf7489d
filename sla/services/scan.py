"""Live SLA breach detection: each minute, the due times that passed become breaches (or pre-breach warnings),
recorded once and announced once (communications emails the assignee, the incident manager and on-call).

Set-based: one statement stamps a batch of due rows and returns them (claimed with SKIP LOCKED, so two scans
never take one row), one inserts their breach records, and the apps above hear of the batch at once. A tick does
bounded work; what is left is taken by the next one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from sla.hooks import SLAAlert, SLAAlerts, sla_alerted
from sla.models import BreachKind, BreachStage, IncidentSLA, SLABreach
from sla.services.clocks import warn_share

BATCH = 1000
TICK_LIMIT = 20_000
"""Rows of one kind fired in one tick at most (a minute's beat); a larger backlog goes on at the next tick."""


@dataclass(frozen=True)
class Watch:
    """One kind of due moment: a kind's target (`breach`) or its pre-breach moment (`warning`); its columns follow
    from the two."""

    kind: str
    stage: str

    @property
    def breach_stamp(self) -> str:
        return f"{self.kind}_breached_at"

    @property
    def warn_stamp(self) -> str:
        return f"{self.kind}_warned_at"

    @property
    def stamp(self) -> str:
        return self.breach_stamp if self.stage == BreachStage.BREACH else self.warn_stamp

    @property
    def moment(self) -> str:
        return f"{self.kind}_due_at" if self.stage == BreachStage.BREACH else f"{self.kind}_warn_at"

    @property
    def due(self) -> str:
        """The rows due at `%s`; the filter matches the watch's partial index exactly."""
        return f"{self.kind}_met_at IS NULL AND {self.stamp} IS NULL AND {self.moment} <= %s"


WATCHES = tuple(
    Watch(kind, stage)
    for stage in (BreachStage.BREACH, BreachStage.WARNING)
    for kind in (BreachKind.RESPONSE, BreachKind.RESOLUTION)
)
"""Breaches first: a breach also stamps its warning, which then never fires (the breach email said it all)."""


def _mark(watch: Watch, now: dt.datetime, limit: int) -> tuple[int, list[int]]:
    """Stamp up to `limit` due rows in one statement: how many, and the ids of those to announce (a warning whose
    target already passed is stamped, never announced). The inner filter matches the partial index of the watch
    exactly, so closed history never enters the scan."""
    table = IncidentSLA._meta.db_table
    also = f", {watch.warn_stamp} = COALESCE({watch.warn_stamp}, %s)" if watch.stage == BreachStage.BREACH else ""
    wanted = "1"
    if watch.stage == BreachStage.WARNING:  # not when the target itself passed: its breach is (or will be) told
        wanted = f"CASE WHEN {watch.breach_stamp} IS NULL AND {watch.kind}_due_at > %s THEN 1 END"
    lock = " FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    params: list[Any] = [now, *([now] if also else []), now, limit, *([now] if wanted != "1" else [])]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {watch.stamp} = %s{also} WHERE id IN ("
            f"SELECT id FROM {table} WHERE {watch.due} ORDER BY {watch.moment} LIMIT %s{lock}) RETURNING id, {wanted}",
            params,
        )
        rows = cursor.fetchall()
    return len(rows), [row[0] for row in rows if row[1]]


def _record(watch: Watch, ids: list[int], now: dt.datetime) -> list[SLAAlert]:
    """Their breach records in one statement (a clock restarted after an earlier record keeps that one and is not
    announced again), and the alerts to announce, their rows read once with what the listeners use."""
    breaches, slas = SLABreach._meta.db_table, IncidentSLA._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {breaches} (incident_id, client_id, kind, stage, due_at, detected_at) "
            f"SELECT incident_id, client_id, %s, %s, {watch.kind}_due_at, %s FROM {slas} "
            f"WHERE id IN ({', '.join(['%s'] * len(ids))}) "
            "ON CONFLICT (incident_id, client_id, kind, stage) DO NOTHING RETURNING incident_id, client_id",
            [watch.kind, watch.stage, now, *ids],
        )
        fresh = set(cursor.fetchall())
    rows = IncidentSLA.objects.filter(pk__in=ids).select_related("incident__assigned_to", "client").only(*ALERT_FIELDS)
    share = warn_share()
    return [
        SLAAlert(sla=sla, kind=watch.kind, stage=watch.stage, due=getattr(sla, f"{watch.kind}_due_at"),
                 warn_share=share)
        for sla in rows.order_by(watch.moment, "id") if (sla.incident_id, sla.client_id) in fresh
    ]  # fmt: skip


ALERT_FIELDS = (
    "incident_id", "client_id", "tier", "clock", "response_minutes", "resolution_minutes", "response_due_at",
    "resolution_due_at", "incident__incident_number", "incident__title", "incident__severity", "incident__status",
    "incident__detection_time", "incident__reported_by_id", "incident__assigned_to__email",
    "incident__assigned_to__role", "incident__assigned_to__first_name", "incident__assigned_to__last_name",
    "client__client_name", "client__on_call_emails",
)  # fmt: skip
"""What the listeners of an alert read (emails, pages, webhook events); the rest stays in the database."""


def _due(now: dt.datetime) -> list[bool]:
    """Which watches have a due row, in one statement of four index probes: a quiet tick costs only this."""
    table = IncidentSLA._meta.db_table
    probes = ", ".join(f"EXISTS (SELECT 1 FROM {table} WHERE {watch.due})" for watch in WATCHES)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {probes}", [now] * len(WATCHES))
        return [bool(flag) for flag in cursor.fetchone()]


def sla_scan(*, now: dt.datetime | None = None, limit: int = TICK_LIMIT) -> dict[str, int]:
    """One tick: every response and resolution target (and pre-breach moment) that passed, up to `limit` of each
    kind, recorded and announced once, a batch per transaction."""
    now = now or timezone.now()
    fired: dict[str, int] = {}
    due = _due(now)
    for watch, any_due in zip(WATCHES, due, strict=True):
        count = taken = 0
        while any_due and taken < limit:
            with transaction.atomic():
                stamped, ids = _mark(watch, now, min(BATCH, limit - taken))
                alerts = _record(watch, ids, now) if ids else []
                if alerts:
                    sla_alerted.fire(SLAAlerts(tuple(alerts)))
            count += len(alerts)
            if not stamped:
                break
            taken += stamped
        fired[f"{watch.kind}_{watch.stage}"] = count
    return fired
