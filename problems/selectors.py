"""Reads of problem tickets (internal: client contacts see none)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.models import User
from core.actor import Actor
from core.lookups import visible_get
from core.permissions import scope
from incidents.models import Incident, WorkNote
from problems.models import Problem, ProblemCI


def _incident_count() -> Coalesce:
    """How many incidents a problem has, counted per problem shown (by the incidents' problem index), not by joining
    every incident to every problem and grouping."""
    counted = Incident.objects.filter(problem=OuterRef("pk")).order_by().values("problem").annotate(n=Count("*"))
    return Coalesce(Subquery(counted.values("n")), 0)


def problem_list(*, actor: Actor | User) -> QuerySet[Problem]:
    return scope(
        Problem.objects.select_related("reported_by", "assigned_to")
        .annotate(incident_count=_incident_count())
        .prefetch_related(Prefetch("ci_links", queryset=ProblemCI.objects.only("id", "problem_id", "ci_id"))),
        actor,
    )


def problem_get(*, actor: Actor | User, pk: int | str) -> Problem:
    return visible_get(problem_list(actor=actor), pk, noun="problem")


def problem_detail(*, actor: Actor | User, pk: int | str) -> dict[str, Any]:
    """The problem's own parts of its page: linked incidents, CIs and notes (workspace adds changes and RCAs)."""
    problem = problem_get(actor=actor, pk=pk)
    return {
        "problem": problem,
        "incidents": list(Incident.objects.filter(problem=problem).select_related("assigned_to").order_by("-id")),
        "ci_links": list(ProblemCI.objects.filter(problem=problem).select_related("ci")),
        "notes": list(WorkNote.objects.filter(problem=problem).select_related("created_by")),
    }
