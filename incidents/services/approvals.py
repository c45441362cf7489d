"""What a decision on an approval does to incidents' records (SOP 19 step 5), registered with approvals."""

from __future__ import annotations

from approvals.choices import ReferenceType
from approvals.hooks import ApprovalDecision, ApprovalSubject, approval_subject_register
from incidents.choices import EscalationStatus, IncidentStatus
from incidents.models import Escalation, Incident
from incidents.services.escalations import escalation_set_status
from incidents.services.lifecycle import incident_transition


def escalation_apply_decision(decision: ApprovalDecision) -> None:
    """An approved escalation request approves the pending escalation; a denied one denies it."""
    if decision.record.status == EscalationStatus.PENDING:
        status = EscalationStatus.APPROVED if decision.approved else EscalationStatus.DENIED
        escalation_set_status(
            actor=decision.actor, escalation=decision.record, status=status, permission="approvals.decide"
        )


def incident_apply_closure_decision(decision: ApprovalDecision) -> None:
    """An approved closure closes the resolved incident (with every closing check); a denial leaves it."""
    if decision.approved:
        incident_transition(
            actor=decision.actor, incident=decision.record, status=IncidentStatus.CLOSED, permission="approvals.decide"
        )


def escalation_requesters(escalation: Escalation) -> tuple[int | None]:
    """Whoever escalated never approves their own escalation."""
    return (escalation.escalated_from_id,)


def approval_subjects_register() -> None:
    approval_subject_register(
        ApprovalSubject(
            reference_type=ReferenceType.ESCALATION,
            model=Escalation,
            awaiting=frozenset({EscalationStatus.PENDING}),
            on_decision=escalation_apply_decision,
            requesters=escalation_requesters,
        )
    )
    approval_subject_register(
        ApprovalSubject(
            reference_type=ReferenceType.INCIDENT_CLOSURE,
            model=Incident,
            awaiting=frozenset({IncidentStatus.RESOLVED}),
            on_decision=incident_apply_closure_decision,
        )
    )
