"""What the SLA engine announces to the apps above it: communications emails the alert (its `ready()`), and on-call
pages for it (oncall provides `sla_alert_paged`)."""

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


sla_alerted = Hook[SLAAlert]("sla_alerted", "an SLA breach or pre-breach warning was recorded, once per clock")
sla_alert_paged = Provider[SLAAlert, bool](
    "sla_alert_paged", "page on-call for an SLA alert; True when an escalation policy took it (provided by oncall)"
)
