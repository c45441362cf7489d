"""Every write of the SLA app: agreements and calendars (agreements), the incidents' clocks (clocks), and the
breach scan (scan)."""

from sla.services.agreements import (
    business_calendar_set,
    sla_agreement_create,
    sla_agreement_update,
    sla_follow_incident,
)
from sla.services.clocks import sla_refresh
from sla.services.scan import sla_scan

__all__ = [
    "business_calendar_set",
    "sla_agreement_create",
    "sla_agreement_update",
    "sla_follow_incident",
    "sla_refresh",
    "sla_scan",
]
