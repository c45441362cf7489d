"""Which learning-cycle records may be started for an incident now: the rules of SOPs 17, 18 and the review."""

from __future__ import annotations

from core.actor import Actor
from core.permissions import can
from incidents.choices import MAJOR_SEVERITIES, IncidentStatus
from incidents.models import Incident
from reports.services._common import FINISHED


def learning_actions(*, actor: Actor, incident: Incident) -> set[str]:
    """`draft_report` (SOP 18: resolved or closed), `start_rca` (SOP 17: a finished P1/P2), `schedule_review`
    (a closed incident), each only for an actor who may."""
    finished = incident.status in FINISHED
    offered = {
        "draft_report": finished and can(actor, "reports.manage"),
        "start_rca": finished and incident.severity in MAJOR_SEVERITIES and can(actor, "rcas.manage"),
        "schedule_review": incident.status == IncidentStatus.CLOSED and can(actor, "reviews.manage"),
    }
    return {name for name, allowed in offered.items() if allowed}
