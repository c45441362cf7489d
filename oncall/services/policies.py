"""Escalation policies: ordered steps of targets, each with a wait, run `repeats` more times; clients and
configuration items point to one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from accounts.lookups import client_resolve, user_resolve
from cmdb.models import ConfigurationItem
from core.actor import Actor
from core.audit import audit_log, audit_log_created, model_update
from core.errors import DomainError, Duplicate, InvalidInput
from core.lookups import record_resolve
from core.models import AuditAction
from core.permissions import require
from core.validation import body_begin, name_free
from oncall.choices import TargetKind
from oncall.models import EscalationPolicy, EscalationStep, PolicyClient, PolicyItem, Schedule, StepTarget

MAX_STEPS = 10
MAX_REPEATS = 9
MAX_WAIT = 24 * 60


def _target(raw: Any, actor: Actor) -> tuple[dict[str, Any], str | None]:
    if not isinstance(raw, dict) or raw.get("kind") not in TargetKind.values:
        return {}, f"Each target is {{kind: {' | '.join(TargetKind.values)}, ...}}."
    kind = raw["kind"]
    try:
        if kind == TargetKind.SCHEDULE:
            schedule = record_resolve(Schedule, raw.get("schedule"), field="schedule", code="schedule_not_found",
                                      noun="schedule")  # fmt: skip
            return {"kind": kind, "schedule": schedule}, None
        if kind == TargetKind.USER:
            return {"kind": kind, "user": user_resolve(raw.get("user"), field="user", label="user", actor=actor)}, None
    except DomainError as error:
        return {}, error.message
    return {"kind": kind}, None


def _steps(raw: Any, actor: Actor, errors: dict[str, list[str]]) -> list[tuple[int, list[dict[str, Any]]]]:
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_STEPS:
        errors["steps"] = [f"From 1 to {MAX_STEPS} steps."]
        return []
    steps = []
    for index, step in enumerate(raw):
        problems: list[str] = []
        wait = step.get("wait_minutes", 15) if isinstance(step, dict) else None
        if not isinstance(wait, int) or isinstance(wait, bool) or not 1 <= wait <= MAX_WAIT:
            problems.append(f"wait_minutes: from 1 to {MAX_WAIT}.")
        targets = step.get("targets") if isinstance(step, dict) else None
        cleaned = []
        if not isinstance(targets, list) or not targets:
            problems.append("targets: one at least.")
        else:
            for target in targets:
                found, problem = _target(target, actor)
                if problem:
                    problems.append(f"targets: {problem}")
                cleaned.append(found)
        if problems:
            errors[f"steps[{index}]"] = problems
        steps.append((wait if isinstance(wait, int) else 0, cleaned))
    return steps


def _policy_clean(data: Mapping[str, Any], actor: Actor, *, policy: EscalationPolicy | None = None) -> dict[str, Any]:
    """The policy's fields checked together (on an update, only those given); every problem named."""
    partial = policy is not None
    known = {"name", "repeats", "steps", "clients", "configuration_items"}
    cleaned, errors = body_begin(data, known, partial=partial)
    if not partial or "repeats" in data:
        cleaned["repeats"] = data.get("repeats", 0)
        repeats = cleaned["repeats"]
        if not isinstance(repeats, int) or isinstance(repeats, bool) or not 0 <= repeats <= MAX_REPEATS:
            errors["repeats"] = [f"From 0 to {MAX_REPEATS}."]
    if not partial or "steps" in data:
        cleaned["steps"] = _steps(data.get("steps"), actor, errors)
    for field in ("clients", "configuration_items"):
        if field in data and not isinstance(data[field], list):
            errors[field] = ["A list of ids."]
    if errors:
        raise InvalidInput("The escalation policy is incomplete or invalid.", code="invalid_policy", fields=errors)
    if "clients" in data or not partial:
        cleaned["clients"] = {client_resolve(value, field="clients", actor=actor) for value in data.get("clients", [])}
    if "configuration_items" in data or not partial:
        cleaned["items"] = {
            record_resolve(ConfigurationItem, value, field="configuration_items", code="ci_not_found", noun="item")
            for value in data.get("configuration_items", [])
        }
    _free(cleaned, policy)
    return cleaned


def _free(cleaned: dict[str, Any], policy: EscalationPolicy | None) -> None:
    """A name, a client and an item belong to one policy."""
    others = EscalationPolicy.objects.exclude(pk=policy.pk) if policy is not None else EscalationPolicy.objects.all()
    if "name" in cleaned:
        name_free(EscalationPolicy.objects.all(), cleaned["name"], other_than=policy, code="policy_exists")
    taken = PolicyClient.objects.filter(client__in=cleaned.get("clients", ()), policy__in=others)
    if (bound := taken.select_related("client", "policy").first()) is not None:
        raise Duplicate(f"{bound.client} already follows {bound.policy}.", code="client_has_policy",
                        fields={"clients": "Already follows another policy."})  # fmt: skip
    used = PolicyItem.objects.filter(configuration_item__in=cleaned.get("items", ()), policy__in=others)
    if (item := used.select_related("configuration_item").first()) is not None:
        raise Duplicate(f"{item.configuration_item} already follows a policy.", code="item_has_policy",
                        fields={"configuration_items": "Already follows another policy."})  # fmt: skip


def _write(policy: EscalationPolicy, cleaned: dict[str, Any]) -> None:
    if "steps" in cleaned:
        policy.steps.all().delete()
        for position, (wait, targets) in enumerate(cleaned["steps"], start=1):
            step = EscalationStep.objects.create(policy=policy, position=position, wait_minutes=wait)
            StepTarget.objects.bulk_create(StepTarget(step=step, **target) for target in targets)
    if "clients" in cleaned:
        PolicyClient.objects.filter(policy=policy).delete()
        PolicyClient.objects.bulk_create(PolicyClient(policy=policy, client=client) for client in cleaned["clients"])
    if "items" in cleaned:
        PolicyItem.objects.filter(policy=policy).delete()
        PolicyItem.objects.bulk_create(PolicyItem(policy=policy, configuration_item=ci) for ci in cleaned["items"])


@transaction.atomic
def policy_create(*, actor: Actor, data: Mapping[str, Any]) -> EscalationPolicy:
    """A policy with its steps, and the clients and configuration items whose pages follow it (each follows one
    policy: naming one that already follows another is refused)."""
    require(actor, "oncall.manage")
    cleaned = _policy_clean(data, actor)
    policy = EscalationPolicy.objects.create(
        name=cleaned["name"], repeats=cleaned["repeats"], created_by_id=actor.user_id
    )
    _write(policy, cleaned)
    audit_log_created(actor=actor, record=policy, fields=["name", "repeats"])
    return policy


@transaction.atomic
def policy_update(*, actor: Actor, policy: EscalationPolicy, data: Mapping[str, Any]) -> EscalationPolicy:
    """Rename, change the repeats, or replace the steps, clients or items (each list whole); pages already open
    keep stepping through the new steps."""
    require(actor, "oncall.manage")
    policy = EscalationPolicy.objects.select_for_update().get(pk=policy.pk)
    cleaned = _policy_clean(data, actor, policy=policy)
    changes = model_update(instance=policy, data=cleaned, fields=["name", "repeats"])
    _write(policy, cleaned)
    replaced = sorted(set(cleaned) & {"steps", "clients", "items"})
    if changes or replaced:
        audit_log(actor=actor, record=policy, action=AuditAction.UPDATE,
                  changes={**changes, **dict.fromkeys(replaced, ("", "replaced"))})  # fmt: skip
    return policy
