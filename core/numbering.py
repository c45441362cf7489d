"""Human record numbers (INC0000001, PRB0000001 ...) that are never handed out twice, increasing.

On PostgreSQL each prefix has a database sequence: concurrent creators never wait on each other, and a create
that rolls back leaves a gap in the numbers (as sequences do) rather than a lock held to its end. Elsewhere (the
embedded SQLite, one writer at a time anyway) a counter row is incremented under its row lock.
"""

from django.db import connection, models, transaction
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.db.models.functions import Greatest

from core.models import NumberSequence

PREFIXES = ("INC", "PRB", "BRG", "CHG", "RBK", "RCA", "RPT")
WIDTH = 7


def format_number(prefix: str, value: int) -> str:
    return f"{prefix}{value:0{WIDTH}d}"


def parse_number(number: str) -> tuple[str, int]:
    """Split `INC0000042` into ("INC", 42); raises ValueError for anything else."""
    prefix, digits = number[:3], number[3:]
    if prefix not in PREFIXES or not digits.isdigit():
        raise ValueError(f"not a record number: {number!r}")
    return prefix, int(digits)


def _check_prefix(prefix: str) -> None:
    if prefix not in PREFIXES:
        raise ValueError(f"unknown number prefix {prefix!r}")


def _ensure_row(prefix: str) -> None:
    NumberSequence.objects.bulk_create([NumberSequence(prefix=prefix)], ignore_conflicts=True)


def sequence_name(prefix: str) -> str:
    return f"core_number_{prefix.lower()}"


def _sequences() -> bool:
    return connection.vendor == "postgresql"


def number_next(prefix: str) -> str:
    """Hand out the next number for `prefix`."""
    _check_prefix(prefix)
    if _sequences():
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(%s)", [sequence_name(prefix)])
            return format_number(prefix, cursor.fetchone()[0])
    with transaction.atomic():
        _ensure_row(prefix)
        NumberSequence.objects.filter(prefix=prefix).update(last_value=F("last_value") + 1)
        value = NumberSequence.objects.filter(prefix=prefix).values_list("last_value", flat=True).get()
    return format_number(prefix, value)


class RecordNumberField(models.CharField):
    """A record's human number (INC0000042), returned by the INSERT that writes the record: on PostgreSQL the
    number is taken from its sequence inside that INSERT (`number_in_insert`), one statement instead of two."""

    db_returning = True


def number_in_insert(prefix: str) -> str | RawSQL:
    """The next number for `prefix`, as the value of a new record's RecordNumberField: on PostgreSQL an expression
    its INSERT evaluates (the record then holds the number returned), elsewhere the number handed out now."""
    _check_prefix(prefix)
    if not _sequences():
        return number_next(prefix)
    padded = f"CASE WHEN n < 1{'0' * WIDTH} THEN lpad(n::text, {WIDTH}, '0') ELSE n::text END"  # as format_number
    return RawSQL(
        f"SELECT %s || {padded} FROM (SELECT nextval(%s) AS n) AS next_number",
        (prefix, sequence_name(prefix)),
        output_field=models.CharField(),
    )


def number_reserve_through(prefix: str, value: int) -> None:
    """Make sure numbers up to `value` are never handed out again (after an import kept existing numbers)."""
    _check_prefix(prefix)
    if _sequences():
        if value >= 1:
            name = sequence_name(prefix)
            with connection.cursor() as cursor:  # never back: the larger of `value` and the last handed out
                cursor.execute(
                    f"SELECT setval(%s, GREATEST(%s, CASE WHEN is_called THEN last_value ELSE last_value - 1 END)) "
                    f"FROM {name}",
                    [name, value],
                )
        return
    with transaction.atomic():
        _ensure_row(prefix)
        NumberSequence.objects.filter(prefix=prefix).update(last_value=Greatest(F("last_value"), value))
