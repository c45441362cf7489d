"""Human record numbers (INC0000001, PRB0000001 ...) that are never handed out twice, increasing.

On PostgreSQL each prefix has a database sequence: concurrent creators never wait on each other, and a create
that rolls back leaves a gap in the numbers (as sequences do) rather than a lock held to its end. Elsewhere (the
embedded SQLite, one writer at a time anyway) a counter row is incremented under its row lock.
"""

from django.db import connection, transaction
from django.db.models import F
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
