"""SOP 4.1 (open a bridge), SOP 4.2 (add participants) and SOP 5 (close a bridge)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.lookups import user_resolve
from accounts.models import User
from bridges.choices import BridgeStatus, BridgeType, ParticipantRole
from bridges.models import Bridge, BridgeParticipant
from core.actor import Actor
from core.audit import audit_log, audit_log_created
from core.errors import Conflict, Duplicate, InvalidInput, RuleViolation
from core.models import AuditAction
from core.numbering import number_next
from core.permissions import require
from incidents.choices import MAJOR_SEVERITIES, IncidentStatus
from incidents.models import Incident
from incidents.services.incidents import require_incident_manager
from incidents.services.lifecycle import apply_transition, incident_lock
from incidents.services.notes import note_add

BRIDGEABLE = frozenset({IncidentStatus.OPEN, IncidentStatus.IN_PROGRESS})
CLOSABLE_WITH = frozenset({IncidentStatus.RESOLVED, IncidentStatus.MONITORING})
MINOR_TYPES = frozenset({BridgeType.COORDINATION, BridgeType.TECHNICAL})


@dataclass(frozen=True)
class BridgeCloseResult:
    bridge: Bridge
    closed: bool
    """False when the bridge was already closed: SOP 5 step 2 then only records a note."""


def active_bridge(incident: Incident) -> Bridge | None:
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


def open_bridge(*, actor: Actor, incident: Incident, bridge_type: str | None = None) -> Bridge:
    """SOP 4.1 steps 2-7, inside the caller's transaction (incident creation opens P1/P2 bridges this way)."""
    incident = incident_lock(incident)
    if incident.status not in BRIDGEABLE:
        raise Conflict(
            f"{incident.incident_number} is {incident.status}; bridges open on open or in-progress incidents.",
            code="incident_not_bridgeable",
        )
    require_incident_manager(incident.assigned_to, incident.severity)
    kind = _bridge_type(incident, bridge_type)
    if active_bridge(incident) is not None:
        raise Duplicate(f"{incident.incident_number} already has an active bridge.", code="bridge_already_active")
    host = incident.assigned_to
    assert host is not None  # checked by require_incident_manager
    now = timezone.now()
    bridge = Bridge.objects.create(
        bridge_number=number_next("BRG"), incident=incident, bridge_type=kind, bridge_host=host, start_time=now
    )
    BridgeParticipant.objects.create(bridge=bridge, user=host, role_in_bridge=ParticipantRole.HOST, joined_at=now)
    audit_log_created(
        actor=actor, record=bridge, fields=["bridge_number", "bridge_type", "bridge_host_id", "status"], parent=incident
    )
    if incident.status == IncidentStatus.OPEN:
        apply_transition(actor=actor, incident=incident, status=IncidentStatus.IN_PROGRESS)
    return bridge


@transaction.atomic
def bridge_open(*, actor: Actor, incident: Incident, bridge_type: str | None = None) -> Bridge:
    """SOP 4.1: open a bridge hosted by the incident's manager; an open incident moves to in progress."""
    require(actor, "bridges.manage")
    return open_bridge(actor=actor, incident=incident, bridge_type=bridge_type)


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
    from communications.services import communication_record

    for row in created:
        audit_log_created(actor=actor, record=row, fields=["user_id", "role_in_bridge"], parent=bridge.incident)
        communication_record(
            actor=actor,
            incident=bridge.incident,
            recipient=row.user,
            communication_type="bridge_invitation",
            recipient_type="executive" if row.role_in_bridge == "executive" else "internal",
            delivery_method="email",
            message_content=f"You were added to bridge {bridge.bridge_number} as {row.get_role_in_bridge_display()}.",
        )
    note_add(
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
    if bridge.status != BridgeStatus.ACTIVE:
        note_add(actor=actor, incident=incident, text="Bridge already closed.")
        return BridgeCloseResult(bridge=bridge, closed=False)
    if incident.status not in CLOSABLE_WITH:
        raise Conflict(
            f"{incident.incident_number} is {incident.status}; close the bridge once it is resolved or monitoring.",
            code="incident_not_resolved",
        )
    if bridge.bridge_host.status != "active":
        raise RuleViolation(f"The bridge host {bridge.bridge_host.full_name} is inactive.", code="host_inactive")
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
    closer = actor.user or bridge.bridge_host
    note_add(
        actor=actor,
        incident=incident,
        text=f"Bridge closed for the incident {incident.incident_number} by {closer.first_name} {closer.last_name} "
        "after all activities completed.",
    )
    return BridgeCloseResult(bridge=bridge, closed=True)
