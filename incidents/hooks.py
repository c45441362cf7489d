"""What incidents announce to the apps above them. Handlers run inside the incident's transaction.

Registered in the `ready()` of: sla (clocks follow every change), bridges (a P1/P2 opens its bridge),
reports (closing drafts the post-incident report), response (closing waits for the gates),
communications (escalation notices); problems provides the lookup of the problem tickets incidents name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Model

from core.actor import Actor
from core.hooks import Hook, Provider

if TYPE_CHECKING:
    from incidents.models import Escalation, Incident


@dataclass(frozen=True)
class IncidentEvent:
    """An incident was created or changed: `changed` names the fields (status, severity, configuration_items)."""

    actor: Actor
    incident: Incident
    changed: frozenset[str] = field(default_factory=frozenset)
    old: dict[str, Any] = field(default_factory=dict)
    without_cis: bool = False
    """The sender knows that no configuration item is linked (a new incident raised without any)."""


@dataclass(frozen=True)
class EscalationEvent:
    actor: Actor
    escalation: Escalation


@dataclass(frozen=True)
class ProblemReference:
    """A problem ticket named by id in an incident or a work note.

    With an `actor`, a ticket the actor may not see is a 404 like a missing one; without, an unknown id is a
    rule violation of the form. `open_only` refuses a closed ticket.
    """

    value: Any
    open_only: bool = False
    actor: Actor | None = None


incident_created = Hook[IncidentEvent]("incident_created", "an incident was created (with its CI links)")
incident_changed = Hook[IncidentEvent]("incident_changed", "fields of an incident changed; `changed` names them")
incident_closing = Hook[IncidentEvent](
    "incident_closing", "an incident is about to close: a handler refuses by raising a DomainError"
)
escalation_created = Hook[EscalationEvent]("escalation_created", "an escalation was requested")


@dataclass(frozen=True)
class OnCallQuery:
    """Who is on call as incident manager for a client (None: the desk-wide rota) at a moment."""

    client_id: int | None
    at: Any


@dataclass(frozen=True)
class CommandWanted:
    """A major incident has nobody in command: every incident manager is asked, the first to accept takes it."""

    actor: Actor
    incident: Incident


incident_manager_on_call = Provider[OnCallQuery, Any](
    "incident_manager_on_call", "the incident manager on call for a client, or None (provided by on-call, if any)"
)
command_wanted = Hook[CommandWanted](
    "incident_command_wanted", "a major incident waits for an incident manager to take command"
)
problem_lookup = Provider[ProblemReference, Model](
    "problem_lookup", "the problem ticket an incident or a note names, or the refusal (provided by problems)"
)
