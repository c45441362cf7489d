"""What problem management announces to the apps above it. Registered in communications' `ready()`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.actor import Actor
from core.hooks import Hook

if TYPE_CHECKING:
    from incidents.models import Incident
    from problems.models import Problem


@dataclass(frozen=True)
class ProblemStatusChanged:
    actor: Actor
    problem: Problem
    old_status: str


@dataclass(frozen=True)
class ProblemIncidentLinked:
    actor: Actor
    problem: Problem
    incident: Incident


problem_status_changed = Hook[ProblemStatusChanged]("problem_status_changed", "a problem ticket changed status")
problem_incident_linked = Hook[ProblemIncidentLinked](
    "problem_incident_linked", "an incident was linked to a problem ticket (SOPs 6 and 8)"
)
