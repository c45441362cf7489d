"""What the signed-in person has to do ("My work") and the global search, each part read through the app that
owns it, in the person's scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from approvals.selectors import approval_inbox
from changes.models import ChangeRequest
from changes.selectors import change_list
from communications.cadence import last_update_subquery, next_update_due
from core import search as documents
from core.actor import Actor
from core.permissions import can
from incidents.choices import MAJOR_SEVERITIES
from incidents.models import Incident, WorkNote
from incidents.selectors import incident_list
from incidents.transitions import ACTIVE_STATUSES
from problems.models import Problem
from problems.selectors import problem_list
from response.selectors import action_item_list

SECTION_LIMIT = 50


def my_work(*, actor: Actor) -> dict[str, Any]:
    """My open incidents (and, for incident managers, the major ones nobody holds), the approvals waiting for my
    decision, my open action items, and the incidents I hold whose stakeholder update is overdue."""
    work: dict[str, Any] = {}
    if can(actor, "incidents.view"):
        mine = list(
            incident_list(actor=actor)
            .filter(assigned_to_id=actor.user_id, status__in=sorted(ACTIVE_STATUSES))
            .annotate(last_update_at=last_update_subquery())
            .order_by("severity", "detection_time")[:SECTION_LIMIT]
        )
        work["incidents"] = mine
        now = timezone.now()
        dues = [(incident, next_update_due(incident, incident.last_update_at)) for incident in mine]
        work["overdue_updates"] = [(incident, due) for incident, due in dues if due and due < now]
    if can(actor, "incidents.command"):
        work["unheld"] = list(
            incident_list(actor=actor)
            .filter(severity__in=sorted(MAJOR_SEVERITIES), status__in=sorted(ACTIVE_STATUSES))
            .filter(Q(assigned_to__isnull=True) | ~Q(assigned_to__role="incident_manager"))
            .order_by("detection_time")[:SECTION_LIMIT]
        )
    if can(actor, "approvals.view"):
        work["approvals"] = list(approval_inbox(actor=actor)[:SECTION_LIMIT])
    if can(actor, "actions.manage"):
        work["action_items"] = list(
            action_item_list(actor=actor)
            .filter(owner_id=actor.user_id)
            .exclude(status__in=["done", "cancelled"])
            .order_by("due_date", "id")[:SECTION_LIMIT]
        )
    return work


@dataclass(frozen=True)
class Hit:
    kind: str
    number: str
    title: str
    status: str
    url: str
    rank: float


CANDIDATES = 500
"""A search ranks at most the newest 500 records matching by their words (and 500 by a note's): a word found in
nearly every record ("incident") would otherwise have every record ranked."""


def _ranked(queryset: QuerySet[Any], text: str, fields: tuple[str, ...], note_field: str | None) -> QuerySet[Any]:
    """PostgreSQL: full-text match over the fields (and the notes), best first, each match read from its search
    index (the records matching by their own words, then those matching by a note's). Elsewhere: words contained."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        vector = documents.document(fields)
        query = SearchQuery(text, search_type="websearch", config=documents.CONFIG)
        records = queryset.model._default_manager.annotate(document=vector)
        matching = records.filter(document=query).order_by("-pk").values("pk")[:CANDIDATES]
        if note_field:
            notes = WorkNote.objects.annotate(document=documents.plain_document("note_text")).filter(document=query)
            matching = matching.union(notes.order_by("-pk").values(note_field)[:CANDIDATES])
        matched = queryset.filter(pk__in=matching).annotate(rank=SearchRank(vector, query))
        return matched.order_by("-rank", "-id")
    condition = Q()
    for word in text.split():
        word_matches = Q()
        for name in fields:
            word_matches |= Q(**{f"{name}__icontains": word})
        if note_field:
            word_matches |= Q(pk__in=WorkNote.objects.filter(note_text__icontains=word).values(note_field))
        condition &= word_matches
    return queryset.filter(condition).order_by("-id")


def search(*, actor: Actor, text: str, limit: int = 20) -> dict[str, list[Hit]]:
    """Incidents, problems and changes matching the words (numbers match exactly), in the actor's scope."""
    text = " ".join(text.split())[:200]
    results: dict[str, list[Hit]] = {}
    if not text:
        return results
    if can(actor, "incidents.view"):
        exact = incident_list(actor=actor).filter(documents.number_is("incident_number", text))
        found = list(exact) or list(
            _ranked(incident_list(actor=actor), text, ("title", "description"), "incident_id")[:limit]
        )
        results["Incidents"] = [_hit("incident", i, i.incident_number) for i in found]
    if can(actor, "problems.view"):
        problems: QuerySet[Problem] = problem_list(actor=actor)
        found_problems = list(problems.filter(documents.number_is("problem_number", text))) or list(
            _ranked(problems, text, ("title", "description"), "problem_id")[:limit]
        )
        results["Problems"] = [_hit("problem", p, p.problem_number) for p in found_problems]
    if can(actor, "changes.view"):
        changes: QuerySet[ChangeRequest] = change_list(actor=actor)
        found_changes = list(changes.filter(documents.number_is("change_number", text))) or list(
            _ranked(changes, text, ("title", "description"), None)[:limit]
        )
        results["Changes"] = [_hit("change", c, c.change_number) for c in found_changes]
    return results


def _hit(kind: str, record: Incident | Problem | ChangeRequest, number: str) -> Hit:
    return Hit(
        kind=kind,
        number=number,
        title=record.title,
        status=record.get_status_display(),
        url=record.get_absolute_url(),
        rank=float(getattr(record, "rank", 0) or 0),
    )
