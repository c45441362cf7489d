"""Each search is answered from its index: the document a search matches and the index built by the migrations are
one expression (were they to drift apart, the search would read every record again). A word found in many records
ranks only the newest of them; a number typed in small letters is found by the number's index."""

from typing import Any

import pytest
from django.db import connection, transaction

from accounts.models import User
from changes.selectors import change_list
from core.actor import Actor
from incidents.selectors import incident_list
from problems.selectors import problem_list
from tests.incidents.factories import IncidentFactory
from workspace import work
from workspace.work import _ranked, search

pytestmark = pytest.mark.django_db

READS = {
    "incident_search": lambda actor: _ranked(incident_list(actor=actor), "disk", ("title", "description"), None),
    "worknote_search": lambda actor: _ranked(incident_list(actor=actor), "disk", ("title", "description"),
                                             "incident_id"),
    "problem_search": lambda actor: _ranked(problem_list(actor=actor), "disk", ("title", "description"), None),
    "change_search": lambda actor: _ranked(change_list(actor=actor), "disk", ("title", "description"), None),
}  # fmt: skip


@pytest.mark.parametrize("index", sorted(READS))
def test_each_search_reads_its_index(manager: User, index: str) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a few rows: have the planner show what it can use
        cursor.execute("SET LOCAL enable_indexscan = off")  # (with a condition on an index, not a walk of one)
        plan = READS[index](Actor.web(manager))[:20].explain()
    assert f"using {index}" in plan.lower() or f"on {index}" in plan.lower(), plan


def test_a_common_word_ranks_only_the_newest_matches(manager: User, monkeypatch: Any) -> None:
    monkeypatch.setattr(work, "CANDIDATES", 3)
    incidents = [IncidentFactory(title=f"Printer jam on floor {floor}") for floor in range(5)]
    hits = search(actor=Actor.web(manager), text="printer")["Incidents"]
    assert {hit.number for hit in hits} == {incident.incident_number for incident in incidents[-3:]}


def test_a_number_in_small_letters_is_found(manager: User) -> None:
    incident = IncidentFactory()
    hits = search(actor=Actor.web(manager), text=incident.incident_number.lower())["Incidents"]
    assert [hit.number for hit in hits] == [incident.incident_number]
