"""SOP 2 (create and update incidents) and SOP 10 (link configuration items to incidents)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from accounts.lookups import user_resolve
from accounts.models import User
from cmdb.models import ConfigurationItem
from core.actor import Actor
from core.audit import audit_log, audit_log_created, model_update
from core.errors import Duplicate, InvalidInput, NotFound, NotPermitted, RuleViolation
from core.inserts import insert
from core.models import AuditAction
from core.numbering import number_in_insert
from core.permissions import is_limited_to_client, require, scope
from core.validation import clean_fields
from incidents import hooks
from incidents.choices import MAJOR_SEVERITIES, IncidentStatus
from incidents.models import Incident, IncidentCI
from incidents.services.command import (
    command_held,
    command_offer,
    incident_client_id,
    incident_manager_by_rule,
    is_incident_manager,
)
from incidents.services.lifecycle import incident_lock, incident_writable_require
from incidents.services.notes import work_note_add
from incidents.severity import severity_assess

CREATE_FIELDS = (
    "title", "description", "category", "severity", "impact", "urgency", "reported_by", "assigned_to", "problem",
    "detection_time",
)  # fmt: skip
REQUIRED_FIELDS = ("title", "description", "category", "impact", "urgency", "reported_by", "detection_time")
UPDATE_FIELDS = ("title", "description", "category", "severity", "impact", "urgency", "assigned_to", "problem")
RELATIONS = ("reported_by", "assigned_to", "problem")
CLOCK_SKEW = dt.timedelta(minutes=5)


def _problem_id(value: Any, *, open_only: bool, actor: Actor) -> int:
    """The id of the problem ticket an incident names; the problems app refuses an unknown or closed one, and one
    the actor may not see as unknown."""
    return int(hooks.problem_lookup(hooks.ProblemReference(value=value, open_only=open_only, actor=actor)).pk)


def incident_manager_require(assignee: User | None, severity: str) -> None:
    """SOPs 2.1 step 4 and 4.1 step 2: a P1/P2 opens a bridge, and a bridge needs an active incident manager."""
    if not is_incident_manager(assignee):
        raise RuleViolation(
            f"A {severity} incident opens a major-incident bridge, which needs an assigned active incident manager.",
            code="incident_manager_required",
            fields={"assigned_to": "Assign an active incident manager."},
        )


def _contact_rules(actor: Actor, cleaned: dict[str, Any], assessment: Mapping[str, Any] | None) -> None:
    """What a client contact may raise (settings TRACER_CONTACT_SEVERITY and TRACER_CONTACT_MAJOR_INCIDENTS)."""
    if settings.TRACER_CONTACT_SEVERITY == "assessed" and assessment is None:
        raise InvalidInput(
            "Answer the severity assessment; the severity of an incident you raise follows from it.",
            code="assessment_required",
            fields={"assessment": "Required."},
        )
    if cleaned.get("assigned_to") is not None:
        raise NotPermitted("The service desk assigns the incidents you raise.", code="assignee_not_allowed")


def _resolve_cis(values: Iterable[ConfigurationItem | int | str], *, actor: Actor) -> list[ConfigurationItem]:
    """The items named, each one the actor may see: another client's item is refused as unknown."""
    ids: list[int] = []
    for value in values:
        try:
            ids.append(value.pk if isinstance(value, ConfigurationItem) else int(str(value)))
        except (TypeError, ValueError):
            raise InvalidInput(fields={"configuration_items": f"{value!r} is not an id."}) from None
    if len(ids) != len(set(ids)):
        raise Duplicate("A configuration item is listed twice.", code="ci_already_linked")
    found = scope(ConfigurationItem.objects.all(), actor).in_bulk(ids)
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise RuleViolation(
            f"Configuration item(s) {', '.join(missing)} do not exist.",
            code="ci_not_found",
            fields={"configuration_items": f"Unknown: {', '.join(missing)}."},
        )
    return [found[pk] for pk in ids]


def _assess(cleaned: dict[str, Any], assessment: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Severity given, or assessed from the SOP 2.1 answers; both must then agree."""
    if assessment is None:
        if not cleaned.get("severity"):
            raise InvalidInput(
                "Give a severity or answer the severity assessment.",
                code="severity_required",
                fields={"severity": "Required unless the assessment is answered."},
            )
        return None
    result = severity_assess(assessment)
    if cleaned.get("severity") and cleaned["severity"] != result.severity:
        raise RuleViolation(
            f"The assessment gives {result.severity}, not {cleaned['severity']}.",
            code="severity_conflicts_with_assessment",
            fields={"severity": f"The assessment gives {result.severity}."},
        )
    cleaned["severity"] = result.severity
    return result.as_dict()


def _ci_link(*, actor: Actor, incident: Incident, ci: ConfigurationItem, announce: bool = True) -> IncidentCI:
    """SOP 10 steps 3-4: link once; a concurrent duplicate is caught by the unique constraint."""
    if IncidentCI.objects.filter(incident=incident, ci=ci).exists():
        raise Duplicate(f"{ci.ci_name} is already linked to {incident.incident_number}.", code="ci_already_linked")
    try:
        with transaction.atomic():
            link = IncidentCI.objects.create(incident=incident, ci=ci)
    except IntegrityError:
        raise Duplicate(
            f"{ci.ci_name} is already linked to {incident.incident_number}.", code="ci_already_linked"
        ) from None
    audit_log(actor=actor, record=incident, action=AuditAction.UPDATE, changes={"configuration_items": (None, ci.pk)})
    if announce:
        hooks.incident_changed.fire(
            hooks.IncidentEvent(actor=actor, incident=incident, changed=frozenset({"configuration_items"}))
        )
    return link


@transaction.atomic
def incident_create(
    *,
    actor: Actor,
    assessment: Mapping[str, Any] | None = None,
    configuration_items: Iterable[ConfigurationItem | int | str] = (),
    **data: Any,
) -> Incident:
    """SOP 2.1: assess severity, create the incident, open its bridge if P1/P2 (SOP 4.1), link its CIs (SOP 10)."""
    require(actor, "incidents.create")
    cleaned = clean_fields(Incident, data, allowed=CREATE_FIELDS, required=REQUIRED_FIELDS, skip=RELATIONS)
    contact = actor.user is not None and is_limited_to_client(actor.user)
    if contact:
        _contact_rules(actor, cleaned, assessment)
    severity_assessment = _assess(cleaned, assessment)
    reporter = user_resolve(cleaned.pop("reported_by"), field="reported_by", label="reporter")
    if contact and reporter.pk != actor.user_id:
        raise NotPermitted("A client contact reports incidents in their own name.", code="reporter_must_be_self")
    assignee = cleaned.pop("assigned_to", None)
    assignee = user_resolve(assignee, field="assigned_to", label="assignee", actor=actor) if assignee else None
    problem = cleaned.pop("problem", None)
    problem_id = _problem_id(problem, open_only=False, actor=actor) if problem else None
    if cleaned["detection_time"] > timezone.now() + CLOCK_SKEW:
        raise RuleViolation(
            "The detection time is in the future.",
            code="detection_in_future",
            fields={"detection_time": "Must not be in the future."},
        )
    major = cleaned["severity"] in MAJOR_SEVERITIES
    if major and contact and settings.TRACER_CONTACT_MAJOR_INCIDENTS == "refuse":
        raise NotPermitted("Call the service desk to raise a P1 or P2 incident.", code="major_incident_not_allowed")
    if major and assignee is not None:
        incident_manager_require(assignee, cleaned["severity"])
    cis = _resolve_cis(configuration_items, actor=actor)
    handed_to = ""
    if major and assignee is None:
        assignee, handed_to = incident_manager_by_rule(incident_client_id(reporter, cis))
    incident = Incident(
        incident_number=number_in_insert("INC"),
        reported_by=reporter,
        assigned_to=assignee,
        assigned_at=timezone.now() if assignee else None,
        problem_id=problem_id,
        severity_assessment=severity_assessment,
        status=IncidentStatus.OPEN,
        **cleaned,
    )
    insert(incident)
    audit_log_created(
        actor=actor,
        record=incident,
        fields=["incident_number", *cleaned, "reported_by_id", "assigned_to_id", "problem_id", "status"],
    )
    for ci in cis:
        _ci_link(actor=actor, incident=incident, ci=ci, announce=False)
    if handed_to and assignee is not None:
        work_note_add(
            actor=actor,
            incident=incident,
            text=f"Raised as {incident.severity} with no incident manager named; handed to {assignee.full_name}, "
            f"{handed_to}.",
        )
    hooks.incident_created.fire(hooks.IncidentEvent(actor=actor, incident=incident, without_cis=not cis))
    if major and assignee is None:
        command_offer(actor=actor, incident=incident)
    return incident


@transaction.atomic
def incident_update(*, actor: Actor, incident: Incident, data: Mapping[str, Any]) -> Incident:
    """SOP 2.2: a new problem must exist and not be closed, a new assignee must be active; P1/P2 keep an IM."""
    require(actor, "incidents.update")
    incident = incident_lock(incident)
    incident_writable_require(incident)
    cleaned = clean_fields(Incident, data, allowed=UPDATE_FIELDS, skip=RELATIONS)
    if cleaned.get("assigned_to") is not None:
        cleaned["assigned_to"] = user_resolve(
            cleaned["assigned_to"], field="assigned_to", label="assignee", actor=actor
        )
    if cleaned.get("problem") is not None:
        cleaned["problem"] = _problem_id(cleaned["problem"], open_only=True, actor=actor)
    severity = cleaned.get("severity", incident.severity)
    if severity in MAJOR_SEVERITIES and "assigned_to" in cleaned:
        incident_manager_require(cleaned["assigned_to"], severity)
    raised = severity in MAJOR_SEVERITIES and incident.severity not in MAJOR_SEVERITIES
    if raised and "assigned_to" not in cleaned and not command_held(incident):
        by_rule, _why = incident_manager_by_rule(
            incident_client_id(incident.reported_by, incident.configuration_items.all())
        )
        if by_rule is not None:
            cleaned["assigned_to"] = by_rule
    changes = model_update(instance=incident, data=cleaned, fields=UPDATE_FIELDS)
    if "assigned_to" in changes:
        incident.assigned_at = timezone.now()
        incident.save(update_fields=["assigned_at"])
    if raised and not command_held(incident):
        command_offer(actor=actor, incident=incident)
    if changes:
        audit_log(actor=actor, record=incident, action=AuditAction.UPDATE, changes=changes)
        old = {name: before for name, (before, _after) in changes.items()}
        hooks.incident_changed.fire(
            hooks.IncidentEvent(actor=actor, incident=incident, changed=frozenset(changes), old=old)
        )
    return incident


@transaction.atomic
def incident_link_ci(*, actor: Actor, incident: Incident, ci: ConfigurationItem | int) -> IncidentCI:
    """SOP 10: link a configuration item to an incident, once."""
    require(actor, "incidents.link_ci")
    incident = incident_lock(incident)
    incident_writable_require(incident)
    return _ci_link(actor=actor, incident=incident, ci=_resolve_cis([ci], actor=actor)[0])


@transaction.atomic
def incident_unlink_ci(*, actor: Actor, incident: Incident, ci: ConfigurationItem | int) -> None:
    """Remove a configuration item that turned out not to be affected."""
    require(actor, "incidents.link_ci")
    incident = incident_lock(incident)
    incident_writable_require(incident)
    ci_id = ci.pk if isinstance(ci, ConfigurationItem) else int(ci)
    deleted, _ = IncidentCI.objects.filter(incident=incident, ci_id=ci_id).delete()
    if not deleted:
        raise NotFound("That configuration item is not linked to this incident.", code="ci_link_not_found")
    audit_log(actor=actor, record=incident, action=AuditAction.UPDATE, changes={"configuration_items": (ci_id, None)})
    hooks.incident_changed.fire(
        hooks.IncidentEvent(actor=actor, incident=incident, changed=frozenset({"configuration_items"}))
    )


@transaction.atomic
def incident_problem_link(
    *, actor: Actor, incident: Incident | int, problem: Model, note: str, permission: str = "incidents.update"
) -> Incident:
    """SOPs 6 and 8: name the problem ticket behind an incident and note it on the incident.

    The problems app has already checked the ticket (it exists and is open); `permission` names what
    authorises the link when it is a step of a problem SOP.
    """
    require(actor, permission)
    incident = (
        Incident.objects.select_for_update(of=("self",))
        .select_related("assigned_to")
        .get(pk=getattr(incident, "pk", incident))
    )
    if incident.problem_id == problem.pk:
        number = getattr(problem, "problem_number", problem.pk)
        raise Duplicate(f"{incident.incident_number} is already linked to {number}.", code="incident_already_linked")
    changes = model_update(instance=incident, data={"problem": problem.pk}, fields=("problem",))
    audit_log(actor=actor, record=incident, action=AuditAction.UPDATE, changes=changes)
    work_note_add(actor=actor, incident=incident, text=note)
    hooks.incident_changed.fire(
        hooks.IncidentEvent(
            actor=actor, incident=incident, changed=frozenset(changes), old={"problem": changes["problem"][0]}
        )
    )
    return incident
