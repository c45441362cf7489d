"""SOP 17 A and B: root cause analyses on one resolved or closed P1/P2 incident or one finished problem."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.lookups import acting_user, user_resolve
from accounts.models import User
from approvals.hooks import ApprovalDecision
from core.actor import Actor
from core.audit import audit_log, audit_log_created, model_update
from core.errors import Conflict, InvalidInput, RuleViolation
from core.lookups import record_resolve
from core.numbering import number_in_insert
from core.permissions import require
from core.timewindow import deadline_check
from core.validation import clean_fields
from incidents.choices import MAJOR_SEVERITIES
from incidents.models import Incident
from problems.choices import ProblemStatus
from problems.models import Problem
from reports.choices import FISHBONE_CATEGORIES, AnalysisMethod, RCAStatus
from reports.models import RootCauseAnalysis
from reports.services._common import incident_require_finished, lifecycle_move
from reports.transitions import RCA_TRANSITIONS
from response.services.phases import review_author_refuse

EDITABLE = ("rca_title", "root_cause_summary", "analysis", "due_date", "assigned_to")


NARRATIVE = ("timeline", "trigger", "contributing_factors", "systemic_factors")
"""Kept for every method: how it unfolded, what set it off, what made it worse, what in the system allowed it."""


def rca_analysis_clean(method: str, analysis: Any) -> dict[str, Any]:
    """The structure each method keeps (the chain of whys, or causes under the five fishbone categories), plus the
    narrative every root cause record holds."""
    if analysis in (None, {}):
        return {}
    if not isinstance(analysis, Mapping):
        raise InvalidInput(fields={"analysis": "Must be an object."})
    narrative = {name: str(analysis[name]).strip() for name in NARRATIVE if analysis.get(name)}
    structured = _clean_structure(method, {k: v for k, v in analysis.items() if k not in NARRATIVE})
    return {**structured, **narrative}


def _clean_structure(method: str, analysis: Mapping[str, Any]) -> dict[str, Any]:
    if not analysis:
        return {}
    if method == AnalysisMethod.FIVE_WHYS:
        whys = analysis.get("whys", [])
        if not isinstance(whys, list) or not all(isinstance(w, str) and w.strip() for w in whys) or len(whys) > 10:
            raise InvalidInput(fields={"analysis": "`whys` is a list of up to 10 non-empty answers, in order."})
        root = analysis.get("root_cause", "")
        if not isinstance(root, str):
            raise InvalidInput(fields={"analysis": "`root_cause` is text."})
        return {"whys": [w.strip() for w in whys], "root_cause": root.strip()}
    if method == AnalysisMethod.FISHBONE:
        causes = analysis.get("causes", {})
        unknown = set(causes) - set(FISHBONE_CATEGORIES) if isinstance(causes, Mapping) else {"?"}
        if unknown or not all(isinstance(v, list) and all(isinstance(c, str) for c in v) for v in causes.values()):
            raise InvalidInput(
                fields={"analysis": f"`causes` maps {', '.join(FISHBONE_CATEGORIES)} to lists of causes."}
            )
        return {
            "causes": {name: [c.strip() for c in causes.get(name, []) if c.strip()] for name in FISHBONE_CATEGORIES}
        }
    return dict(analysis)


def _subject(incident: Incident | int | None, problem: Problem | int | None) -> tuple[Incident | None, Problem | None]:
    if (incident is None) == (problem is None):
        raise RuleViolation(
            "An RCA analyses exactly one incident or one problem ticket.",
            code="rca_subject_required",
            fields={"incident": "Give an incident or a problem, not both."},
        )
    if incident is not None:
        target = record_resolve(Incident, incident, field="incident", code="incident_not_found", noun="incident")
        incident_require_finished(target)
        if target.severity not in MAJOR_SEVERITIES:
            raise RuleViolation(
                f"{target.incident_number} is {target.severity}; RCAs are conducted for P1 and P2 incidents.",
                code="rca_not_eligible",
            )
        return target, None
    found = record_resolve(Problem, problem, field="problem", code="problem_not_found", noun="problem ticket")
    if found.status not in (ProblemStatus.RESOLVED, ProblemStatus.CLOSED):
        raise Conflict(
            f"{found.problem_number} is {found.status}; it must be resolved or closed.", code="problem_not_resolved"
        )
    return None, found


@transaction.atomic
def rca_create(
    *,
    actor: Actor,
    assigned_to: User | int,
    analysis_method: str,
    incident: Incident | int | None = None,
    problem: Problem | int | None = None,
    rca_title: str = "",
    root_cause_summary: str = "",
    analysis: Mapping[str, Any] | None = None,
    due_date: Any = None,
) -> RootCauseAnalysis:
    """SOP 17 A: an RCA of a resolved or closed P1/P2 incident, or of a resolved or closed problem."""
    require(actor, "rcas.manage")
    subject_incident, subject_problem = _subject(incident, problem)
    subject_number = subject_incident.incident_number if subject_incident else subject_problem.problem_number  # type: ignore[union-attr]
    cleaned = clean_fields(
        RootCauseAnalysis,
        {
            "analysis_method": analysis_method,
            "rca_title": rca_title or f"RCA: {subject_number}",
            "root_cause_summary": root_cause_summary,
            "due_date": due_date,
        },
        allowed=("analysis_method", "rca_title", "root_cause_summary", "due_date"),
        required=("analysis_method",),
    )
    deadline_check(cleaned.get("due_date"))
    owner = user_resolve(assigned_to, field="assigned_to", label="assignee")
    rca = RootCauseAnalysis.objects.create(
        rca_number=number_in_insert("RCA"),
        incident=subject_incident,
        problem=subject_problem,
        assigned_to=owner,
        reported_by_id=actor.user_id,
        analysis=rca_analysis_clean(cleaned["analysis_method"], analysis),
        status=RCAStatus.ASSIGNED,
        **cleaned,
    )
    audit_log_created(
        actor=actor,
        record=rca,
        fields=["rca_number", "analysis_method", "assigned_to_id", "status"],
        parent=subject_incident or subject_problem,
    )
    return rca


@transaction.atomic
def rca_update(*, actor: Actor, rca: RootCauseAnalysis, data: Mapping[str, Any]) -> RootCauseAnalysis:
    """SOP 17 B: edit the analysis until it is approved."""
    require(actor, "rcas.manage")
    rca = RootCauseAnalysis.objects.select_for_update().get(pk=rca.pk)
    if rca.status == RCAStatus.APPROVED:
        raise Conflict(f"{rca.rca_number} is approved and can no longer change.", code="rca_approved")
    fields = dict(data)
    if "analysis" in fields:
        fields["analysis"] = rca_analysis_clean(rca.analysis_method, fields["analysis"])
    cleaned = clean_fields(RootCauseAnalysis, fields, allowed=EDITABLE, skip=("assigned_to", "analysis"))
    if cleaned.get("assigned_to") is not None:
        cleaned["assigned_to"] = user_resolve(cleaned["assigned_to"], field="assigned_to", label="assignee")
    if cleaned.get("due_date") not in (None, rca.due_date):
        deadline_check(cleaned["due_date"])
    changes = model_update(instance=rca, data=cleaned, fields=EDITABLE)
    if changes:
        audit_log(actor=actor, record=rca, action="update", changes=changes, parent=rca.incident or rca.problem)
    return rca


def _rca_approve(*, actor: Actor, rca: RootCauseAnalysis, approver: User) -> RootCauseAnalysis:
    """Approval needs a completed analysis and an active approver."""
    if approver.status != "active":
        raise RuleViolation(f"{approver.full_name} is inactive and cannot approve.", code="approver_inactive")
    review_author_refuse(approver, {rca.assigned_to_id}, "analysis")
    lifecycle_move(
        actor=actor, record=rca, transitions=RCA_TRANSITIONS, status=RCAStatus.APPROVED, label=rca.rca_number,
        stamps={"approved_by": approver}, parent=rca.incident or rca.problem,
    )  # fmt: skip
    return rca


@transaction.atomic
def rca_transition(*, actor: Actor, rca: RootCauseAnalysis, status: str) -> RootCauseAnalysis:
    """Start, complete (stamped), send back, or approve (by an active approver holding rcas.approve) an RCA."""
    rca = RootCauseAnalysis.objects.select_for_update().get(pk=rca.pk)
    if status == RCAStatus.APPROVED:
        require(actor, "rcas.approve")
        approver = acting_user(actor)
        if approver is None:
            raise RuleViolation("An RCA is approved by a person.", code="approver_required")
        return _rca_approve(actor=actor, rca=rca, approver=approver)
    require(actor, "rcas.manage")
    stamps = {"completed_at": timezone.now()} if status == RCAStatus.COMPLETED else {}
    lifecycle_move(
        actor=actor, record=rca, transitions=RCA_TRANSITIONS, status=status, label=rca.rca_number, stamps=stamps,
        parent=rca.incident or rca.problem,
    )  # fmt: skip
    return rca


def rca_apply_decision(decision: ApprovalDecision) -> None:
    """SOP 19 on an RCA: an approval granted approves the analysis, in the name of its approver. A request still
    pending when the analysis was approved another way is simply decided (it never blocks its approver)."""
    if decision.approved and decision.record.status != RCAStatus.APPROVED:
        _rca_approve(actor=decision.actor, rca=decision.record, approver=decision.approval.approver)
