"""Human record numbers (INC0000001, PRB0000001 ...) that are never handed out twice.

The counter row is incremented with an UPDATE, which takes the row lock until the caller's transaction ends:
two concurrent creators queue on that lock instead of reading the same value.
"""

from django.db import transaction
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


def number_next(prefix: str) -> str:
    """Hand out the next number for `prefix`; the lock is held until the surrounding transaction commits."""
    _check_prefix(prefix)
    with transaction.atomic():
        _ensure_row(prefix)
        NumberSequence.objects.filter(prefix=prefix).update(last_value=F("last_value") + 1)
        value = NumberSequence.objects.filter(prefix=prefix).values_list("last_value", flat=True).get()
    return format_number(prefix, value)


def number_reserve_through(prefix: str, value: int) -> None:
    """Make sure numbers up to `value` are never handed out again (after an import kept existing numbers)."""
    _check_prefix(prefix)
    with transaction.atomic():
        _ensure_row(prefix)
        NumberSequence.objects.filter(prefix=prefix).update(last_value=Greatest(F("last_value"), value))
