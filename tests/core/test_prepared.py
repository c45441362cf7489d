"""A statement run again and again is planned once per persistent connection and executed by name; it answers as
the statement itself does, with percent signs and values of every type; one that cannot be prepared still runs."""

import gc
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.prepared import fetch_one
from tests.incidents.factories import IncidentFactory

pytestmark = pytest.mark.django_db

LIKE = "SELECT count(*), max(title) FROM incidents_incident WHERE title LIKE %s || '%%' AND id >= %s"


@pytest.fixture
def persistent(monkeypatch: Any) -> None:
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)


def _statements(call: Any) -> tuple[Any, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        answer = call()
    return answer, [query["sql"].split()[0] for query in captured.captured_queries]


@pytest.mark.usefixtures("persistent")
def test_prepared_once_per_connection_then_executed_by_name() -> None:
    IncidentFactory(title="Disk 100% full")
    IncidentFactory(title="Disk slow")
    first, sent = _statements(lambda: fetch_one("tracer_test_like", LIKE, ["Disk", 0]))
    assert first == (2, "Disk slow")
    assert "PREPARE" in sent
    assert sent[-1] == "EXECUTE"
    again, sent = _statements(lambda: fetch_one("tracer_test_like", LIKE, ["Disk 1", 0]))
    assert again == (1, "Disk 100% full")
    assert sent == ["EXECUTE"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("persistent")
def test_a_new_connection_prepares_its_statements_again() -> None:
    _, sent = _statements(lambda: fetch_one("tracer_test_again", "SELECT %s::int + 1", [1]))
    assert "PREPARE" in sent
    for given in range(3):  # the driver's new connection may sit where the closed one was: it still knows none
        connection.close()
        gc.collect()  # the closed connection's memory is free for the next one
        answer, sent = _statements(lambda n=given: fetch_one("tracer_test_again", "SELECT %s::int + 1", [n]))
        assert answer == (given + 1,)
        assert "PREPARE" in sent


@pytest.mark.usefixtures("persistent")
def test_a_statement_that_does_not_tell_its_types_is_prepared_with_those_of_its_first_values() -> None:
    answer, sent = _statements(lambda: fetch_one("tracer_test_untyped", "SELECT %s + %s, %s || 'x'", [2, 3, "a"]))
    assert answer == (5, "ax")
    assert sent.count("PREPARE") == 2  # refused as written, then accepted with the values' types declared
    assert sent[-1] == "EXECUTE"
    again, sent = _statements(lambda: fetch_one("tracer_test_untyped", "SELECT %s + %s, %s || 'x'", [4, 3, "b"]))
    assert again == (7, "bx")
    assert sent == ["EXECUTE"]


@pytest.mark.usefixtures("persistent")
def test_a_statement_that_cannot_be_prepared_runs_as_is() -> None:
    answer, sent = _statements(lambda: fetch_one("tracer_test_unpreparable", "SELECT %s IS NULL", [None]))
    assert answer == (True,)
    assert sent[-1] == "SELECT"
    assert fetch_one("tracer_test_unpreparable", "SELECT %s IS NULL", [1]) == (False,)


CONSTANTS = (
    "SELECT json_build_object(%s, count(*), %s, max(title), %s, %s) FROM incidents_incident "
    "WHERE (id >= %s OR id = %s) AND title LIKE %s || '%%'"
)


@pytest.mark.usefixtures("persistent")
def test_a_statement_with_one_varying_value_sends_that_value_alone() -> None:
    IncidentFactory(title="Disk 100% full")
    IncidentFactory(title="Disk slow")
    params = ["count", "newest", "it's 5%", ["a", "b"], 0, 0, "Disk"]

    def read(given: int) -> Any:
        values = [*params[:4], given, given, params[6]]
        return fetch_one("tracer_test_varying", CONSTANTS, values, varying=[4, 5])

    first, sent = _statements(lambda: read(0))
    assert first == fetch_one("", CONSTANTS, [*params[:4], 0, 0, "Disk"])  # what the statement itself answers
    assert first[0]["count"] == 2
    assert first[0]["newest"] == "Disk slow"
    assert "it's 5%" in first[0]
    assert sent[-1] == "EXECUTE"
    with connection.cursor() as cursor:
        cursor.execute("SELECT parameter_types FROM pg_prepared_statements WHERE name = 'tracer_test_varying'")
        assert len(cursor.fetchone()[0]) == 1  # the constants are in the statement; the id is its one parameter
    with CaptureQueriesContext(connection) as captured:
        again = read(10**9)
    assert again == fetch_one("", CONSTANTS, [*params[:4], 10**9, 10**9, "Disk"])
    assert again[0]["count"] == 0
    assert [query["sql"] for query in captured.captured_queries] == ["EXECUTE tracer_test_varying(1000000000)"]


def test_without_persistent_connections_nothing_is_prepared(monkeypatch: Any) -> None:
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    answer, sent = _statements(lambda: fetch_one("tracer_test_plain", LIKE, ["x", 0]))
    assert answer == (0, None)
    assert sent == ["SELECT"]


@pytest.mark.usefixtures("persistent")
def test_turned_off_nothing_is_prepared(settings: Any) -> None:
    settings.TRACER_PREPARED_STATEMENTS = False
    answer, sent = _statements(lambda: fetch_one("tracer_test_off", LIKE, ["x", 0]))
    assert answer == (0, None)
    assert sent == ["SELECT"]


def _plan_cache_mode_of_a_new_connection() -> str:
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        return str(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
def test_a_new_persistent_connection_plans_each_prepared_statement_once(monkeypatch: Any, settings: Any) -> None:
    assert _plan_cache_mode_of_a_new_connection() == "auto"  # not persistent: nothing is prepared
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 60)
    assert _plan_cache_mode_of_a_new_connection() == "force_generic_plan"
    settings.TRACER_PREPARED_STATEMENTS = False  # behind a transaction-pooling proxy: the server's own choice
    assert _plan_cache_mode_of_a_new_connection() == "auto"
