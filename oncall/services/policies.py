"""Escalation policies: ordered steps of targets, each with a wait, run `repeats` more times; clients and
configuration items point to one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from accounts.lookups import client_resolve, user_resolve
from cmdb.models import ConfigurationItem
from core.actor import Actor
from core.audit import audit_log_created
from core.errors import DomainError, Duplicate, InvalidInput
from core.lookups import record_resolve
from core.permissions import require
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


@transaction.atomic
def policy_create(*, actor: Actor, data: Mapping[str, Any]) -> EscalationPolicy:
    """A policy with its steps, and the clients and configuration items whose pages follow it (each follows one
    policy: naming one that already follows another is refused)."""
    require(actor, "oncall.manage")
    known = {"name", "repeats", "steps", "clients", "configuration_items"}
    errors: dict[str, list[str]] = {name: ["Unknown field."] for name in data if name not in known}
    raw_name = data.get("name")
    name = raw_name.strip() if isinstance(raw_name, str) else ""
    if not name or len(name) > 120:
        errors["name"] = ["A name, up to 120 characters."]
    repeats = data.get("repeats", 0)
    if not isinstance(repeats, int) or isinstance(repeats, bool) or not 0 <= repeats <= MAX_REPEATS:
        errors["repeats"] = [f"From 0 to {MAX_REPEATS}."]
    steps = _steps(data.get("steps"), actor, errors)
    for field in ("clients", "configuration_items"):
        if not isinstance(data.get(field, []), list):
            errors[field] = ["A list of ids."]
    if errors:
        raise InvalidInput("The escalation policy is incomplete or invalid.", code="invalid_policy", fields=errors)
    clients = [client_resolve(value, field="clients", actor=actor) for value in data.get("clients", [])]
    items = [
        record_resolve(ConfigurationItem, value, field="configuration_items", code="ci_not_found", noun="item")
        for value in data.get("configuration_items", [])
    ]
    if EscalationPolicy.objects.filter(name=name).exists():
        raise Duplicate(f"A policy named {name} exists.", code="policy_exists", fields={"name": "Taken."})
    taken = PolicyClient.objects.filter(client__in=clients).select_related("client", "policy").first()
    if taken is not None:
        raise Duplicate(f"{taken.client} already follows {taken.policy}.", code="client_has_policy",
                        fields={"clients": "Already follows another policy."})  # fmt: skip
    used = PolicyItem.objects.filter(configuration_item__in=items).select_related("configuration_item").first()
    if used is not None:
        raise Duplicate(f"{used.configuration_item} already follows a policy.", code="item_has_policy",
                        fields={"configuration_items": "Already follows another policy."})  # fmt: skip
    policy = EscalationPolicy.objects.create(name=name, repeats=repeats, created_by_id=actor.user_id)
    for position, (wait, targets) in enumerate(steps, start=1):
        step = EscalationStep.objects.create(policy=policy, position=position, wait_minutes=wait)
        StepTarget.objects.bulk_create(StepTarget(step=step, **target) for target in targets)
    PolicyClient.objects.bulk_create(PolicyClient(policy=policy, client=client) for client in set(clients))
    PolicyItem.objects.bulk_create(PolicyItem(policy=policy, configuration_item=item) for item in set(items))
    audit_log_created(actor=actor, record=policy, fields=["name", "repeats"])
    return policy
