"""Where an incident stands in the cycle, and the action item lists."""

from __future__ import annotations

from collections.abc import Iterable
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

NEEDS = {
    "triage": "Write the triage assessment and submit it; someone other than its author approves it.",
    "review": "Write the stakeholder update and send it; write and send the next one before it is due.",
    "action": "Record the mitigation and its results, then submit it for approval.",
    "check": "Once resolved: a root cause analysis, approved by someone other than its analyst.",
    "resolve": "Resolve the incident with a resolution code and notes.",
    "learn": "Once resolved: the post-mortem (within 72 hours), approved by someone other than its author.",
}
"""What each step asks before the incident can move on, as its page says it."""


def cycle_state(incident: Incident, records: dict[str, PhaseRecord], rca: Any) -> list[dict[str, Any]]:
    """Triage, Review, Action, Check, Resolve, Learn: each with its record's state, whether its gate is required,
    what it needs, and a link only where the step can be worked on now (the RCA and the post-mortem come after
    resolution)."""
    required = set(REQUIRED_GATES.get(incident.severity, ()))
    resolved = incident.status in ("resolved", "closed")

    def step(key: str, label: str, state: str, required: bool, link: str | None) -> dict[str, Any]:
        return {"key": key, "label": label, "state": state, "required": required, "link": link, "needs": NEEDS[key]}

    def record_step(key: str, label: str, phase: str, gate: str | None, *, usable: bool = True) -> dict[str, Any]:
        record = records.get(phase)
        link = reverse("response:phase", args=[incident.pk, phase]) if usable or record else None
        return step(key, label, record.status if record else "todo", gate in required if gate else False, link)

    if rca is not None:
        rca_link: str | None = reverse("reports:rca-detail", args=[rca.pk])
    else:
        rca_link = reverse("reports:rca-create") + f"?incident={incident.pk}" if resolved else None
    return [
        record_step("triage", "Triage", Phase.TRIAGE, Phase.TRIAGE),
        record_step("review", "Review", Phase.COMMUNICATION, None),
        record_step("action", "Action", Phase.MITIGATION, Phase.MITIGATION),
        step("check", "Check", rca.status if rca else "todo", "root_cause" in required, rca_link),
        step("resolve", "Resolve", "approved" if resolved else "todo", True, None),
        record_step("learn", "Learn", Phase.POST_MORTEM, Phase.POST_MORTEM, usable=resolved),
    ]


def cycle_for(
    incident: Incident, phase_records: Iterable[PhaseRecord] | None = None, rcas: Iterable[Any] | None = None
) -> dict[str, Any]:
    """Where the incident stands in the response cycle (`phase_records`, `rcas`: the incident's, if already read)."""
    if phase_records is None:
        phase_records = PhaseRecord.objects.filter(incident=incident)
    records = {record.phase: record for record in phase_records}
    rca = incident.rcas.order_by("-id").first() if rcas is None else max(rcas, key=lambda r: r.pk, default=None)
    due = postmortem_due_at(incident)
    postmortem = records.get(Phase.POST_MORTEM)
    return {
        "steps": cycle_state(incident, records, rca),
        "postmortem_due_at": due,
        "postmortem_late": bool(
            due and due < timezone.now() and not (postmortem and postmortem.status == RecordStatus.APPROVED)
        ),
        "rca": rca,
    }


def action_item_list(*, actor: Actor | User) -> QuerySet[ActionItem]:
    return scope(ActionItem.objects.select_related("owner", "incident"), actor)
