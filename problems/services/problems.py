"""SOPs 6-9: create and update problem tickets, link incidents and configuration items to them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.lookups import user_resolve
from cmdb.models import ConfigurationItem
from core.actor import Actor
from core.audit import audit_log, audit_log_created, model_update
from core.errors import Conflict, Duplicate, RuleViolation
from core.lifecycle import check_move, next_statuses
from core.lookups import record_resolve
from core.models import AuditAction
from core.numbering import number_in_insert
from core.permissions import can, require
from core.validation import clean_fields
from incidents.hooks import ProblemReference
from incidents.models import Incident
from incidents.services.incidents import incident_problem_link
from incidents.services.notes import work_note_add
from problems import hooks
from problems.choices import ProblemStatus
from problems.models import Problem, ProblemCI
from problems.selectors import problem_list
from problems.transitions import PROBLEM_TRANSITIONS

CREATE_FIELDS = ("title", "description", "category", "reported_by", "assigned_to", "detected_at")
REQUIRED = ("title", "description", "category", "reported_by")
UPDATE_FIELDS = ("title", "description", "category", "assigned_to", "detected_at")


def _lock(problem: Problem) -> Problem:
    return Problem.objects.select_for_update().get(pk=problem.pk)


def _ensure_open(problem: Problem) -> None:
    if problem.status == ProblemStatus.CLOSED:
        raise Conflict(f"{problem.problem_number} is closed.", code="problem_closed")


def _resolve_incidents(values: Iterable[Incident | int | str]) -> list[Incident]:
    ids = [value.pk if isinstance(value, Incident) else int(str(value)) for value in values]
    found = Incident.objects.select_related("assigned_to").in_bulk(ids)
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise RuleViolation(
            f"Incident(s) {', '.join(missing)} do not exist.",
            code="incident_not_found",
            fields={"incidents": f"Unknown: {', '.join(missing)}."},
        )
    return [found[pk] for pk in dict.fromkeys(ids)]


def _link(*, actor: Actor, problem: Problem, incident: Incident, incident_note: str, problem_note: str | None) -> None:
    """Set the incident's problem, note the link on both sides and announce it (SOPs 6 and 8)."""
    linked = incident_problem_link(
        actor=actor, incident=incident, problem=problem, note=incident_note, permission="problems.manage"
    )
    if problem_note:
        work_note_add(actor=actor, problem=problem, text=problem_note)
    hooks.problem_incident_linked.fire(hooks.ProblemIncidentLinked(actor=actor, problem=problem, incident=linked))


@transaction.atomic
def problem_create(*, actor: Actor, incidents: Iterable[Incident | int | str] = (), **data: Any) -> Problem:
    """SOP 6: create the ticket with an active reporter (and assignee), then link each given incident."""
    require(actor, "problems.manage")
    cleaned = clean_fields(Problem, data, allowed=CREATE_FIELDS, required=REQUIRED, skip=("reported_by", "assigned_to"))
    cleaned["reported_by"] = user_resolve(cleaned["reported_by"], field="reported_by", label="reporter")
    if cleaned.get("assigned_to") is not None:
        cleaned["assigned_to"] = user_resolve(cleaned["assigned_to"], field="assigned_to", label="assignee")
    linked = _resolve_incidents(incidents)
    problem = Problem.objects.create(problem_number=number_in_insert("PRB"), status=ProblemStatus.OPEN, **cleaned)
    audit_log_created(actor=actor, record=problem, fields=["problem_number", "title", "category", "status"])
    for incident in linked:
        _link(
            actor=actor,
            problem=problem,
            incident=incident,
            incident_note=f"Incident(s) linked to Problem Ticket {problem.problem_number}",
            problem_note=None,
        )
    return problem


def _stamp(problem: Problem, status: str, changes: dict[str, tuple[Any, Any]]) -> None:
    now = timezone.now()
    if status == ProblemStatus.RESOLVED:
        changes["resolved_at"] = (problem.resolved_at, now)
        problem.resolved_at = now
    if status == ProblemStatus.CLOSED:
        changes["closed_at"] = (problem.closed_at, now)
        problem.closed_at = now
        if problem.resolved_at is None:
            changes["resolved_at"] = (None, now)
            problem.resolved_at = now
    if status == ProblemStatus.INVESTIGATING and problem.resolved_at is not None:
        changes["resolved_at"] = (problem.resolved_at, None)
        problem.resolved_at = None


@transaction.atomic
def problem_update(*, actor: Actor, problem: Problem, data: Mapping[str, Any]) -> Problem:
    """SOP 7: apply the new details and status, note it, and tell the reporter when it is resolved or closed."""
    require(actor, "problems.manage")
    problem = _lock(problem)
    _ensure_open(problem)
    fields = dict(data)
    status = fields.pop("status", None)
    cleaned = clean_fields(Problem, fields, allowed=UPDATE_FIELDS, skip=("assigned_to",))
    if cleaned.get("assigned_to") is not None:
        cleaned["assigned_to"] = user_resolve(cleaned["assigned_to"], field="assigned_to", label="assignee")
    changes = model_update(instance=problem, data=cleaned, fields=UPDATE_FIELDS)
    old_status = problem.status
    if status is not None and status != problem.status:
        check_move(PROBLEM_TRANSITIONS, current=problem.status, target=status, label=problem.problem_number)
        changes["status"] = (problem.status, status)
        _stamp(problem, status, changes)
        problem.status = status
        problem.updated_at = timezone.now()
        problem.save()
    if not changes:
        return problem
    audit_log(actor=actor, record=problem, action=AuditAction.UPDATE, changes=changes)
    work_note_add(actor=actor, problem=problem, text="Problem ticket updated with new investigation details")
    if "status" in changes:
        hooks.problem_status_changed.fire(
            hooks.ProblemStatusChanged(actor=actor, problem=problem, old_status=old_status)
        )
    return problem


@transaction.atomic
def problem_link_incident(*, actor: Actor, problem: Problem, incident: Incident | int) -> Incident:
    """SOP 8: link an incident to an open problem ticket, with notes on both and word to the incident manager."""
    require(actor, "problems.manage")
    problem = _lock(problem)
    _ensure_open(problem)
    target = _resolve_incidents([incident])[0]
    _link(
        actor=actor,
        problem=problem,
        incident=target,
        incident_note=f"Incident linked to Problem Ticket {problem.problem_number}",
        problem_note=f"Incident {target.incident_number} linked to this problem ticket",
    )
    return Incident.objects.get(pk=target.pk)


@transaction.atomic
def problem_link_ci(*, actor: Actor, problem: Problem, ci: ConfigurationItem | int) -> ProblemCI:
    """SOP 9: link a configuration item to a problem ticket that is not closed, once."""
    require(actor, "problems.manage")
    problem = _lock(problem)
    _ensure_open(problem)
    ci_id = ci.pk if isinstance(ci, ConfigurationItem) else int(ci)
    if not ConfigurationItem.objects.filter(pk=ci_id).exists():
        raise RuleViolation(
            f"Configuration item {ci_id} does not exist.", code="ci_not_found", fields={"ci": "Unknown."}
        )
    if ProblemCI.objects.filter(problem=problem, ci_id=ci_id).exists():
        raise Duplicate("That configuration item is already linked to this problem.", code="ci_already_linked")
    try:
        with transaction.atomic():
            link = ProblemCI.objects.create(problem=problem, ci_id=ci_id)
    except IntegrityError:
        raise Duplicate(
            "That configuration item is already linked to this problem.", code="ci_already_linked"
        ) from None
    audit_log(actor=actor, record=problem, action=AuditAction.UPDATE, changes={"configuration_items": (None, ci_id)})
    return link


def problem_reference_resolve(reference: ProblemReference) -> Problem:
    """The problem ticket an incident or a work note names (provided to incidents as `problem_lookup`)."""
    within = problem_list(actor=reference.actor) if reference.actor is not None else None
    problem = record_resolve(
        Problem, reference.value, field="problem", code="problem_not_found", noun="problem ticket", within=within
    )
    if reference.open_only and problem.status == ProblemStatus.CLOSED:
        raise RuleViolation(
            f"{problem.problem_number} is closed; link the incident to an open problem ticket.",
            code="problem_closed",
            fields={"problem": "This problem ticket is closed."},
        )
    return problem


def problem_next_statuses(*, actor: Actor, problem: Problem) -> list[str]:
    """Where this actor may move the problem ticket now."""
    return next_statuses(PROBLEM_TRANSITIONS, problem.status) if can(actor, "problems.manage") else []


def problem_actions(*, actor: Actor, problem: Problem) -> frozenset[str]:
    """What the actor may do to the problem ticket now, by name (closed tickets take no change)."""
    manage = can(actor, "problems.manage") and problem.status != ProblemStatus.CLOSED
    offered = {
        "edit": manage,
        "link_incident": manage,
        "link_ci": manage,
        "note": can(actor, "incidents.note"),
    }
    return frozenset(name for name, allowed in offered.items() if allowed)
