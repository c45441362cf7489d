"""Who holds a major incident: named by the reporter, else found by rule, else offered to every incident manager
until one takes it. A P1/P2 is never refused for want of a named manager."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from accounts.choices import UserStatus
from accounts.models import Client, User
from cmdb.models import ConfigurationItem
from core.actor import Actor
from core.audit import audit_log
from core.errors import Conflict, NotPermitted
from core.models import AuditAction
from core.permissions import require
from core.roles import Role
from incidents import hooks
from incidents.choices import MAJOR_SEVERITIES, IncidentStatus
from incidents.models import Incident
from incidents.services.lifecycle import incident_lock
from incidents.services.notes import work_note_add


def is_incident_manager(user: User | None) -> bool:
    """An active incident manager: who may hold a major incident and host its bridge."""
    return user is not None and user.role == Role.INCIDENT_MANAGER and user.status == UserStatus.ACTIVE


def incident_client_id(reporter: User, cis: Iterable[ConfigurationItem]) -> int | None:
    """The client an incident is raised for: the reporter's own, else the first client of its first item."""
    if reporter.client_id:
        return int(reporter.client_id)
    for ci in cis:
        client = ci.clients.order_by("id").first()
        if client is not None:
            return int(client.pk)
    return None


def incident_manager_by_rule(client_id: int | None) -> tuple[User | None, str]:
    """The incident manager on call for the client (when a rota exists), else the client's default incident
    manager, else nobody: (manager, why) for the note on the incident."""
    if hooks.incident_manager_on_call.handlers:
        on_call = hooks.incident_manager_on_call(hooks.OnCallQuery(client_id=client_id, at=timezone.now()))
        if is_incident_manager(on_call):
            return on_call, "the incident manager on call"
    if client_id is not None:
        client = Client.objects.select_related("default_incident_manager").filter(pk=client_id).first()
        default = client.default_incident_manager if client else None
        if is_incident_manager(default):
            return default, f"the default incident manager of {client}"
    return None, ""


def command_offer(*, actor: Actor, incident: Incident) -> None:
    """Nobody could be named: note it and ask every incident manager (the hook sends the page)."""
    work_note_add(
        actor=actor,
        incident=incident,
        text=f"Raised as {incident.severity} with no incident manager on call or named for the client; every "
        "incident manager is asked to take command, and the first to accept holds it.",
    )
    hooks.command_wanted.fire(hooks.CommandWanted(actor=actor, incident=incident))


def command_held(incident: Incident) -> bool:
    """Whether an active incident manager holds the incident."""
    return is_incident_manager(incident.assigned_to)


def command_open(incident: Incident) -> bool:
    """Whether a major incident is waiting for someone to take command."""
    return (
        incident.severity in MAJOR_SEVERITIES
        and incident.status not in (IncidentStatus.RESOLVED, IncidentStatus.CLOSED)
        and not command_held(incident)
    )


@transaction.atomic
def incident_take_command(*, actor: Actor, incident: Incident) -> Incident:
    """An incident manager takes a major incident nobody holds; a second taker is refused (first one wins)."""
    require(actor, "incidents.command")
    user = User.objects.filter(pk=actor.user_id or 0).first()
    if not is_incident_manager(user):
        raise NotPermitted("Only an active incident manager takes command.", code="not_incident_manager")
    assert user is not None
    incident = incident_lock(incident)
    if not command_open(incident):
        holder = incident.assigned_to.full_name if incident.assigned_to else "nobody"
        raise Conflict(
            f"{incident.incident_number} is held by {holder}; it is not waiting for command.",
            code="command_already_taken",
        )
    now = timezone.now()
    old = incident.assigned_to
    changes = {"assigned_to": (old.pk if old else None, user.pk), "assigned_at": (incident.assigned_at, now)}
    incident.assigned_to, incident.assigned_at, incident.updated_at = user, now, now
    incident.save(update_fields=["assigned_to", "assigned_at", "updated_at"])
    audit_log(actor=actor, record=incident, action=AuditAction.UPDATE, changes=changes)
    work_note_add(actor=actor, incident=incident, text=f"{user.full_name} took command of {incident.incident_number}.")
    hooks.incident_changed.fire(
        hooks.IncidentEvent(
            actor=actor, incident=incident, changed=frozenset({"assigned_to"}), old={"assigned_to": old}
        )
    )
    incident.refresh_from_db()  # opening the bridge acknowledged it
    return incident
