"""Live SLA breach detection: each minute, the due times that passed become breaches (or pre-breach warnings),
recorded once and announced once (communications emails the assignee, the incident manager and on-call)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from sla.hooks import SLAAlert, sla_alerted
from sla.models import BreachKind, BreachStage, IncidentSLA, SLABreach
from sla.services.clocks import warn_share

BATCH = 500


@dataclass(frozen=True)
class Watch:
    kind: str
    stage: str
    moment: str
    stamp: str
    met: str


WATCHES = (
    Watch(BreachKind.RESPONSE, BreachStage.BREACH, "response_due_at", "response_breached_at", "response_met_at"),
    Watch(
        BreachKind.RESOLUTION, BreachStage.BREACH, "resolution_due_at", "resolution_breached_at", "resolution_met_at"
    ),
    Watch(BreachKind.RESPONSE, BreachStage.WARNING, "response_warn_at", "response_warned_at", "response_met_at"),
    Watch(
        BreachKind.RESOLUTION, BreachStage.WARNING, "resolution_warn_at", "resolution_warned_at", "resolution_met_at"
    ),
)
"""Breaches first: a target that already passed is reported as a breach, and its warning is then skipped."""


def _due_ids(watch: Watch, now: dt.datetime) -> list[int]:
    # The filter matches the partial indexes exactly, so closed history never enters the scan.
    query = IncidentSLA.objects.filter(
        **{f"{watch.met}__isnull": True, f"{watch.stamp}__isnull": True, f"{watch.moment}__lte": now}
    )
    return list(query.order_by(watch.moment).values_list("pk", flat=True)[:BATCH])


@transaction.atomic
def _fire(watch: Watch, sla_id: int, now: dt.datetime) -> bool:
    """Stamp one due moment (compare-and-set: only one scan wins), record it once, announce it once."""
    won = IncidentSLA.objects.filter(pk=sla_id, **{f"{watch.stamp}__isnull": True}).update(**{watch.stamp: now})
    if not won:
        return False
    sla = IncidentSLA.objects.select_related("incident__assigned_to", "client").get(pk=sla_id)
    if watch.stage == BreachStage.WARNING and getattr(sla, watch.stamp.replace("warned", "breached")) is not None:
        return False  # already breached: the breach email said it all
    due = getattr(sla, f"{watch.kind}_due_at")
    try:
        with transaction.atomic():
            SLABreach.objects.create(
                incident_id=sla.incident_id, client_id=sla.client_id, kind=watch.kind, stage=watch.stage,
                due_at=due, detected_at=now,
            )  # fmt: skip
    except IntegrityError:
        return False
    sla_alerted.fire(SLAAlert(sla=sla, kind=watch.kind, stage=watch.stage, due=due, warn_share=warn_share()))
    return True


def sla_scan(*, now: dt.datetime | None = None) -> dict[str, int]:
    """One tick: find every response and resolution target (and pre-breach moment) that passed, act once each."""
    now = now or timezone.now()
    fired: dict[str, int] = {}
    for watch in WATCHES:
        count = 0
        while True:
            ids = _due_ids(watch, now)
            if not ids:
                break
            count += sum(_fire(watch, sla_id, now) for sla_id in ids)
            if len(ids) < BATCH:
                break
        fired[f"{watch.kind}_{watch.stage}"] = count
    return fired
