"""Drafting the post-mortem record from the incident, and the reminder when a P1/P2 one is late."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from communications.services import site_link
from communications.services.outbox import outbox_enqueue
from core.actor import Actor
from incidents.models import Incident
from response.choices import Phase, RecordStatus
from response.models import PhaseRecord
from response.postmortem import DUE_AFTER, MAJOR, postmortem_due_at, postmortem_markdown, when
from response.services.phases import phase_save


@transaction.atomic
def postmortem_generate(*, actor: Actor, incident: Incident) -> PhaseRecord:
    """Draft (or redraft) the post-mortem record from the incident; the authors then complete it."""
    existing = PhaseRecord.objects.filter(incident=incident, phase=Phase.POST_MORTEM).first()
    content = dict(existing.content) if existing else {}
    content.setdefault("summary", f"{incident.title} ({incident.severity}).")
    content["markdown"] = postmortem_markdown(incident)
    return phase_save(actor=actor, incident=incident, phase=Phase.POST_MORTEM, content=content)


def postmortem_remind_late(*, now: dt.datetime | None = None) -> int:
    """Email the incident manager once when a P1/P2 post-mortem is not approved 72 hours after resolution."""
    now = now or timezone.now()
    late = (
        Incident.objects.filter(severity__in=MAJOR, resolved_at__lt=now - DUE_AFTER)
        .exclude(phase_records__phase=Phase.POST_MORTEM, phase_records__status=RecordStatus.APPROVED)
        .select_related("assigned_to")
    )
    sent = 0
    for incident in late.iterator(chunk_size=500):
        if incident.assigned_to is None:
            continue
        message = outbox_enqueue(
            key=f"postmortem-late:{incident.pk}",
            to=[incident.assigned_to.email],
            subject=f"[{incident.incident_number}] Post-mortem overdue",
            template="status_update",
            context={
                "message": f"The post-mortem was due {when(postmortem_due_at(incident))} (72 hours after resolution).",
                "incident": incident,
                "link": site_link(incident),
            },
        )
        sent += message is not None
    return sent
