"""Where an incident stands in the cycle, and the action item lists."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core.actor import Actor
from core.permissions import scope
from incidents.models import Incident
from response.choices import REQUIRED_GATES, Phase, RecordStatus
from response.models import ActionItem, PhaseRecord
from response.postmortem import postmortem_due_at


def cycle_state(incident: Incident, records: dict[str, PhaseRecord], rca_status: str | None) -> list[dict[str, Any]]:
    """Triage, Review, Action, Check, Resolve, Learn: each with its record's state and whether its gate is required."""
    required = set(REQUIRED_GATES.get(incident.severity, ()))

    def record_step(key: str, label: str, phase: str, gate: str | None) -> dict[str, Any]:
        record = records.get(phase)
        return {
            "key": key,
            "label": label,
            "state": record.status if record else "todo",
            "required": gate in required if gate else False,
            "link": reverse("response:phase", args=[incident.pk, phase]),
        }

    resolved = incident.status in ("resolved", "closed")
    rca_link = reverse("reports:rca-create") + f"?incident={incident.pk}"
    return [
        record_step("triage", "Triage", Phase.TRIAGE, Phase.TRIAGE),
        record_step("review", "Review", Phase.COMMUNICATION, None),
        record_step("action", "Action", Phase.MITIGATION, Phase.MITIGATION),
        {
            "key": "check",
            "label": "Check",
            "state": rca_status or "todo",
            "required": "root_cause" in required,
            "link": rca_link,
        },
        {
            "key": "resolve",
            "label": "Resolve",
            "state": "approved" if resolved else "todo",
            "required": True,
            "link": None,
        },
        record_step("learn", "Learn", Phase.POST_MORTEM, Phase.POST_MORTEM),
    ]


def cycle_for(incident: Incident) -> dict[str, Any]:
    records = {record.phase: record for record in PhaseRecord.objects.filter(incident=incident)}
    rca = incident.rcas.order_by("-id").first()
    due = postmortem_due_at(incident)
    postmortem = records.get(Phase.POST_MORTEM)
    return {
        "steps": cycle_state(incident, records, rca.status if rca else None),
        "postmortem_due_at": due,
        "postmortem_late": bool(
            due and due < timezone.now() and not (postmortem and postmortem.status == RecordStatus.APPROVED)
        ),
        "rca": rca,
    }


def action_item_list(*, actor: Actor | User) -> QuerySet[ActionItem]:
    return scope(ActionItem.objects.select_related("owner", "incident"), actor)
