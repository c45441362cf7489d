"""What the SLA engine announces to the apps above it: communications emails the alerts (its `ready()`), and
on-call pages for them (oncall provides `sla_alert_paged`). The scan announces a batch at a time, so that each
app writes a backlog's emails, pages and events with a few statements rather than a few per alert."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.hooks import Hook, Provider

if TYPE_CHECKING:
    from sla.models import IncidentSLA


@dataclass(frozen=True)
class SLAAlert:
    """A target passed (`stage` breach) or came close (`stage` warning), recorded once for this clock."""

    sla: IncidentSLA
    kind: str
    stage: str
    due: dt.datetime
    warn_share: float


@dataclass(frozen=True)
class SLAAlerts:
    """The alerts one scan batch recorded (each once), their SLA rows read with incident, assignee and client."""

    alerts: tuple[SLAAlert, ...]


sla_alerted = Hook[SLAAlerts]("sla_alerted", "SLA breaches or pre-breach warnings were recorded, once per clock")
sla_alert_paged = Provider[SLAAlerts, set[int]](
    "sla_alert_paged",
    "page on-call for SLA alerts; the positions of those an escalation policy took (provided by oncall)",
)
