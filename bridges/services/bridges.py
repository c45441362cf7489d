"""SOP 4.1 (open a bridge), SOP 4.2 (add participants) and SOP 5 (close a bridge)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.lookups import acting_user, user_resolve
from accounts.models import User
from bridges import hooks
from bridges.choices import BridgeStatus, BridgeType, ParticipantRole
from bridges.models import Bridge, BridgeParticipant
from bridges.transitions import BRIDGE_TRANSITIONS, BRIDGEABLE, CLOSABLE_WITH
from core.actor import Actor
from core.audit import audit_log, audit_log_created
from core.errors import Conflict, Duplicate, InvalidInput, RuleViolation
from core.models import AuditAction
from core.numbering import number_in_insert
from core.permissions import can, require
from incidents.choices import MAJOR_SEVERITIES, IncidentStatus
from incidents.hooks import IncidentEvent
from incidents.models import Incident
from incidents.services.command import command_held
from incidents.services.incidents import incident_manager_require
from incidents.services.lifecycle import incident_lock, incident_transition
from incidents.services.notes import work_note_add

MINOR_TYPES = frozenset({BridgeType.COORDINATION, BridgeType.TECHNICAL})


@dataclass(frozen=True)
class BridgeCloseResult:
    bridge: Bridge
    closed: bool
    """False when the bridge was already closed: SOP 5 step 2 then only records a note."""


def bridge_active_for(incident: Incident) -> Bridge | None:
    return Bridge.objects.filter(incident=incident, status=BridgeStatus.ACTIVE).first()


def _bridge_type(incident: Incident, requested: str | None) -> str:
    if incident.severity in MAJOR_SEVERITIES:
        if requested not in (None, "", BridgeType.MAJOR_INCIDENT):
            raise RuleViolation(
                f"A {incident.severity} incident's bridge is a major-incident bridge.",
                code="bridge_type_mismatch",
                fields={"bridge_type": "Must be major_incident for P1 and P2."},
            )
        return BridgeType.MAJOR_INCIDENT
    if not requested:
        raise InvalidInput(
            "Choose a coordination or technical bridge.",
            code="bridge_type_required",
            fields={"bridge_type": "Required for P3 and P4 incidents."},
        )
    if requested not in MINOR_TYPES:
        raise RuleViolation(
            "Major-incident bridges are for P1 and P2 incidents.",
            code="bridge_type_mismatch",
            fields={"bridge_type": "Choose coordination or technical."},
        )
    return requested


def _bridge_open(*, actor: Actor, incident: Incident, bridge_type: str | None, permission: str) -> Bridge:
    """SOP 4.1 steps 2-7, inside the caller's transaction; `permission` authorises acknowledging the incident."""
    incident = incident_lock(incident)
    if incident.status not in BRIDGEABLE:
        raise Conflict(
            f"{incident.incident_number} is {incident.status}; bridges open on open or in-progress incidents.",
            code="incident_not_bridgeable",
        )
    incident_manager_require(incident.assigned_to, incident.severity)
    kind = _bridge_type(incident, bridge_type)
    if bridge_active_for(incident) is not None:
        raise Duplicate(f"{incident.incident_number} already has an active bridge.", code="bridge_already_active")
    host = incident.assigned_to
    assert host is not None  # checked by incident_manager_require
    now = timezone.now()
    bridge = Bridge.objects.create(
        bridge_number=number_in_insert("BRG"), incident=incident, bridge_type=kind, bridge_host=host, start_time=now
    )
    BridgeParticipant.objects.create(bridge=bridge, user=host, role_in_bridge=ParticipantRole.HOST, joined_at=now)
    audit_log_created(
        actor=actor, record=bridge, fields=["bridge_number", "bridge_type", "bridge_host_id", "status"], parent=incident
    )
    if incident.status == IncidentStatus.OPEN:
        incident_transition(actor=actor, incident=incident, status=IncidentStatus.IN_PROGRESS, permission=permission)
    return bridge


@transaction.atomic
def bridge_open(*, actor: Actor, incident: Incident, bridge_type: str | None = None) -> Bridge:
    """SOP 4.1: open a bridge hosted by the incident's manager; an open incident moves to in progress."""
    require(actor, "bridges.manage")
    return _bridge_open(actor=actor, incident=incident, bridge_type=bridge_type, permission="bridges.manage")


def bridge_open_for_new_major_incident(event: IncidentEvent) -> None:
    """SOP 2.1 step 4: an incident created as P1/P2 opens its major-incident bridge at once."""
    if event.incident.severity in MAJOR_SEVERITIES and command_held(event.incident):
        _bridge_open(actor=event.actor, incident=event.incident, bridge_type=None, permission="incidents.create")


def bridge_open_for_raised_severity(event: IncidentEvent) -> None:
    """An incident raised to P1/P2 while it is worked, or a major incident an incident manager takes command of,
    opens its bridge, unless one is already active."""
    incident = event.incident
    raised = "severity" in event.changed and event.old.get("severity") not in MAJOR_SEVERITIES
    taken = "assigned_to" in event.changed
    worked = incident.severity in MAJOR_SEVERITIES and incident.status in BRIDGEABLE
    if (raised or taken) and worked and command_held(incident) and bridge_active_for(incident) is None:
        _bridge_open(actor=event.actor, incident=incident, bridge_type=None, permission="incidents.update")


def bridge_open_allowed(*, actor: Actor, incident: Incident, bridges: Sequence[Bridge]) -> bool:
    """Whether the page may offer to open a bridge: the actor may, the incident is worked, none is active."""
    return (
        can(actor, "bridges.manage")
        and incident.status in BRIDGEABLE
        and not any(bridge.status == BridgeStatus.ACTIVE for bridge in bridges)
    )


def _lock_bridge(bridge: Bridge) -> Bridge:
    return Bridge.objects.select_for_update().select_related("incident", "bridge_host").get(pk=bridge.pk)


@transaction.atomic
def bridge_add_participants(
    *, actor: Actor, bridge: Bridge, participants: Sequence[tuple[User | int | str, str]]
) -> list[BridgeParticipant]:
    """SOP 4.2: active bridge, active users, a known role, nobody twice; note the addition on the incident."""
    require(actor, "bridges.manage")
    bridge = _lock_bridge(bridge)
    if bridge.status != BridgeStatus.ACTIVE:
        raise Conflict(f"{bridge.bridge_number} is {bridge.status}.", code="bridge_not_active")
    if not participants:
        raise InvalidInput(fields={"participants": "Add at least one participant."})
    present = set(
        BridgeParticipant.objects.filter(bridge=bridge, left_at__isnull=True).values_list("user_id", flat=True)
    )
    rows = []
    for user_ref, role in participants:
        user = user_resolve(user_ref, field="user", label="participant")
        if role not in ParticipantRole.values:
            raise InvalidInput(fields={"role_in_bridge": f"Unknown role {role!r}."})
        if user.pk in present:
            raise Duplicate(f"{user.full_name} is already on {bridge.bridge_number}.", code="participant_exists")
        present.add(user.pk)
        rows.append(BridgeParticipant(bridge=bridge, user=user, role_in_bridge=role))
    try:
        with transaction.atomic():
            created = BridgeParticipant.objects.bulk_create(rows)
    except IntegrityError:
        raise Duplicate("A participant is already on this bridge.", code="participant_exists") from None
    for row in created:
        audit_log_created(actor=actor, record=row, fields=["user_id", "role_in_bridge"], parent=bridge.incident)
    hooks.participants_added.fire(hooks.ParticipantsAdded(actor=actor, bridge=bridge, participants=tuple(created)))
    work_note_add(
        actor=actor,
        incident=bridge.incident,
        text=f"Bridge participant(s) added to bridge {bridge.bridge_number} "
        f"for incident {bridge.incident.incident_number}",
    )
    return created


@transaction.atomic
def bridge_close(*, actor: Actor, bridge: Bridge) -> BridgeCloseResult:
    """SOP 5: close an active bridge once its incident is resolved or monitoring and its host is active."""
    require(actor, "bridges.manage")
    bridge = _lock_bridge(bridge)
    incident = bridge.incident
    if BridgeStatus.CLOSED not in BRIDGE_TRANSITIONS[bridge.status]:
        work_note_add(actor=actor, incident=incident, text="Bridge already closed.")
        return BridgeCloseResult(bridge=bridge, closed=False)
    if incident.status not in CLOSABLE_WITH:
        raise Conflict(
            f"{incident.incident_number} is {incident.status}; close the bridge once it is resolved or monitoring.",
            code="incident_not_resolved",
        )
    _host_require(bridge)
    _close(actor=actor, bridge=bridge)
    return BridgeCloseResult(bridge=bridge, closed=True)


def _host_require(bridge: Bridge) -> None:
    """SOP 5 step 5: the host who closes the bridge is found and active."""
    if bridge.bridge_host.status != "active":
        raise RuleViolation(
            f"The host of bridge {bridge.bridge_number}, {bridge.bridge_host.full_name}, is inactive; hand the "
            "bridge to an active incident manager before closing it.",
            code="host_inactive",
        )


def _close(*, actor: Actor, bridge: Bridge) -> None:
    incident = bridge.incident
    now = timezone.now()
    bridge.status, bridge.end_time = BridgeStatus.CLOSED, now
    bridge.save(update_fields=["status", "end_time"])
    BridgeParticipant.objects.filter(bridge=bridge, left_at__isnull=True).update(left_at=now)
    audit_log(
        actor=actor,
        record=bridge,
        action=AuditAction.UPDATE,
        changes={"status": (BridgeStatus.ACTIVE, BridgeStatus.CLOSED), "end_time": (None, now)},
        parent=incident,
    )
    closer = acting_user(actor) or bridge.bridge_host
    work_note_add(
        actor=actor,
        incident=incident,
        text=f"Bridge closed for the incident {incident.incident_number} by {closer.first_name} {closer.last_name} "
        "after all activities completed.",
    )


def bridge_closing_check(event: IncidentEvent) -> None:
    """An incident closes with its bridge: refused only when the bridge could not close (its host is inactive)."""
    bridge = bridge_active_for(event.incident)
    if bridge is not None:
        _host_require(bridge)


def bridge_close_with_incident(event: IncidentEvent) -> None:
    """Closing an incident closes its active bridge (SOP 5: the incident was resolved a moment before)."""
    if "status" not in event.changed or event.incident.status != IncidentStatus.CLOSED:
        return
    bridge = bridge_active_for(event.incident)
    if bridge is not None:
        bridge = _lock_bridge(bridge)
        _host_require(bridge)
        _close(actor=event.actor, bridge=bridge)
