"""Record numbers are sequential per prefix and never handed out twice, even under concurrent creation."""

import threading

import pytest
from django.db import connection, transaction

from core.numbering import format_number, number_next, number_reserve_through, parse_number
from tests.helpers import numbers_restart


@pytest.fixture(autouse=True)
def _from_one(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("_django_db_helper")
        numbers_restart()


@pytest.mark.django_db
def test_numbers_are_sequential_per_prefix() -> None:
    assert [number_next("INC") for _ in range(3)] == ["INC0000001", "INC0000002", "INC0000003"]
    assert number_next("PRB") == "PRB0000001"


@pytest.mark.django_db
def test_reserve_through_skips_imported_numbers_and_never_goes_back() -> None:
    number_reserve_through("BRG", 120)
    assert number_next("BRG") == "BRG0000121"
    number_reserve_through("BRG", 5)
    assert number_next("BRG") == "BRG0000122"


@pytest.mark.django_db
def test_a_rolled_back_create_leaves_a_gap_never_a_duplicate() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        assert number_next("CHG") == "CHG0000001"
        raise RuntimeError
    assert number_next("CHG") == "CHG0000002"


@pytest.mark.django_db
def test_numbers_come_from_a_sequence_without_a_row_lock(count_queries: object) -> None:
    from core.models import NumberSequence

    assert count_queries(lambda: number_next("RPT")) == 1  # type: ignore[operator]
    assert not NumberSequence.objects.exists()


def test_unknown_prefix_and_bad_numbers_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown number prefix"):
        number_next("XYZ")
    with pytest.raises(ValueError, match="not a record number"):
        parse_number("INCabc")
    assert parse_number(format_number("RPT", 42)) == ("RPT", 42)


@pytest.mark.django_db(transaction=True)
def test_concurrent_creators_never_get_the_same_number() -> None:
    per_thread, threads = 25, 6
    handed_out: list[str] = []
    lock = threading.Lock()
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def work() -> None:
        try:
            start.wait()
            for _ in range(per_thread):
                with transaction.atomic():
                    number = number_next("RCA")
                with lock:
                    handed_out.append(number)
        except BaseException as exc:  # collected and re-raised in the test thread
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors
    assert len(handed_out) == len(set(handed_out)) == per_thread * threads
    assert sorted(handed_out) == [format_number("RCA", n) for n in range(1, per_thread * threads + 1)]


@pytest.mark.django_db
def test_a_new_record_takes_its_number_inside_its_insert() -> None:
    from django.test.utils import CaptureQueriesContext

    from core.numbering import number_in_insert
    from incidents.models import Incident
    from tests.incidents.factories import IncidentFactory

    assert number_next("INC") == "INC0000001"
    with CaptureQueriesContext(connection) as queries:
        incident = IncidentFactory(incident_number=number_in_insert("INC"))
    assert incident.incident_number == "INC0000002"  # what the INSERT returned, not the expression
    assert Incident.objects.get(pk=incident.pk).incident_number == "INC0000002"
    inserts = [query["sql"] for query in queries if "incidents_incident" in query["sql"]]
    assert len(inserts) == 1
    assert inserts[0].startswith("INSERT")
    assert "nextval" in inserts[0]
    assert not any(query["sql"].startswith("SELECT nextval") for query in queries)
    assert number_next("INC") == "INC0000003"  # one sequence, whichever way it is taken


@pytest.mark.django_db
def test_a_number_taken_in_an_insert_is_written_as_format_number_writes_it_past_seven_digits() -> None:
    from core.numbering import number_in_insert
    from tests.incidents.factories import IncidentFactory

    number_reserve_through("INC", 9_999_998)
    written = [IncidentFactory(incident_number=number_in_insert("INC")).incident_number for _ in range(2)]
    assert written == [format_number("INC", 9_999_999), format_number("INC", 10_000_000)] == [
        "INC9999999", "INC10000000",
    ]  # fmt: skip


@pytest.mark.django_db
def test_a_rolled_back_insert_leaves_a_gap_in_the_numbers() -> None:
    from core.numbering import number_in_insert
    from tests.incidents.factories import IncidentFactory

    with pytest.raises(RuntimeError), transaction.atomic():
        assert IncidentFactory(incident_number=number_in_insert("INC")).incident_number == "INC0000001"
        raise RuntimeError
    assert IncidentFactory(incident_number=number_in_insert("INC")).incident_number == "INC0000002"
