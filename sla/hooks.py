"""What the SLA engine announces to the apps above it. Registered in communications' `ready()` (the email)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.hooks import Hook

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
