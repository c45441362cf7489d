"""The Review phase's stakeholder update, sent through the communications path (records and the outbox)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from communications.choices import CommunicationType, DeliveryMethod
from communications.models import Communication
from communications.services import communication_record, site_link
from communications.services.outbox import outbox_enqueue
from core.actor import Actor
from core.audit import audit_log
from core.errors import Conflict
from core.models import AuditAction
from core.permissions import require
from incidents.models import Incident
from response.choices import Phase, RecordStatus
from response.content import next_update_text
from response.models import PhaseRecord


def stakeholder_audience(incident: Incident, audience: str) -> list[str]:
    """Clients: their on-call lists; executives: those on the bridge; internal: assignee and participants."""
    if audience == "client":
        from accounts.models import Client

        clients = Client.objects.filter(ci_assignments__ci__incident_links__incident=incident).distinct()
        return [line for client in clients for line in client.on_call_emails.splitlines()]
    from bridges.models import BridgeParticipant

    present = BridgeParticipant.objects.filter(bridge__incident=incident, left_at__isnull=True).select_related("user")
    people = [participant.user for participant in present]
    if audience == "executive":
        return [person.email for person in people if person.role == "executive"]
    return [person.email for person in [incident.assigned_to, *people] if person is not None]


@transaction.atomic
def stakeholder_update_send(*, actor: Actor, incident: Incident) -> Communication:
    """Send the written stakeholder update: a status-update communication, emailed to its audience; the
    communication cadence restarts from it."""
    require(actor, "communications.send")
    record = PhaseRecord.objects.select_for_update().filter(incident=incident, phase=Phase.COMMUNICATION).first()
    if record is None or not record.content:
        raise Conflict("Write the stakeholder update first.", code="nothing_to_send")
    if record.status == RecordStatus.SENT:
        raise Conflict("This update was sent; write the next one first.", code="update_already_sent")
    content = record.content
    message = "\n\n".join(
        part
        for part in (
            f"What happened: {content.get('what_happened', '')}",
            f"Current status: {content.get('status', '')}",
            f"Next steps: {content.get('next_steps', '')}",
            f"Next update: {next_update_text(content['next_update_at'])}" if content.get("next_update_at") else "",
        )
        if part
    )
    communication = communication_record(
        actor=actor,
        incident=incident,
        communication_type=CommunicationType.STATUS_UPDATE,
        recipient_type=content["audience"],
        delivery_method=DeliveryMethod.EMAIL,
        message_content=message,
    )
    outbox_enqueue(
        key=f"stakeholder-update:{communication.pk}",
        to=stakeholder_audience(incident, content["audience"]),
        subject=f"[{incident.incident_number}] Status update",
        template="status_update",
        context={"message": message, "incident": incident, "link": site_link(incident)},
        communication=communication,
    )
    audit_log(
        actor=actor,
        record=record,
        action=AuditAction.UPDATE,
        changes={"status": (record.status, RecordStatus.SENT), "sent": (None, communication.pk)},
        parent=incident,
    )
    record.status, record.updated_at = RecordStatus.SENT, timezone.now()
    record.save(update_fields=["status", "updated_at"])
    return communication
