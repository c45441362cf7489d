"""Reads of on-call: schedules, policies and pages, scoped to the actor (client contacts see none of them)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from accounts.models import User
from core.actor import Actor
from core.permissions import scope
from oncall.models import EscalationPolicy, EscalationStep, Layer, Page, Schedule


def schedule_list(*, actor: Actor | User) -> QuerySet[Schedule]:
    return scope(
        Schedule.objects.select_related("client").prefetch_related(
            Prefetch("layers", queryset=Layer.objects.order_by("position")), "overrides"
        ),
        actor,
    ).order_by("name")


def policy_list(*, actor: Actor | User) -> QuerySet[EscalationPolicy]:
    steps = EscalationStep.objects.order_by("position").prefetch_related("targets__schedule", "targets__user")
    return scope(
        EscalationPolicy.objects.prefetch_related(Prefetch("steps", queryset=steps), "clients", "configuration_items"),
        actor,
    ).order_by("name")


def page_list(*, actor: Actor | User) -> QuerySet[Page]:
    return scope(
        Page.objects.select_related("policy", "incident", "acknowledged_by").prefetch_related("notices__user"), actor
    ).order_by("-created_at", "-id")
