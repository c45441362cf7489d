"""JSON written by PostgreSQL: the pieces with which a list row or a record is composed in SQL exactly as the
serializers would write it, so that Python only passes the text on."""

from __future__ import annotations

from typing import Any

from django.db import connection, models
from django.db.models import Func, Value
from django.utils import timezone

UTC_ISO = "replace(to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), '.000000Z', 'Z')"
"""A timestamp as DRF writes it in UTC: ISO 8601, microseconds only when not zero, `Z`."""


def written_by_database() -> bool:
    """Whether PostgreSQL writes the JSON: on PostgreSQL when times are shown in UTC (API tokens, and people who
    keep UTC); SQLite, or a person's own time zone, has it written in Python."""
    zone = timezone.get_current_timezone()
    return connection.vendor == "postgresql" and getattr(zone, "key", None) in ("UTC", "Etc/UTC")


class UTCText(Func):
    """A timestamp column written as `UTC_ISO` (NULL stays NULL)."""

    template = UTC_ISO.format("%(expressions)s")
    output_field = models.TextField()


class JSONObject(Func):
    """`json_build_object` with the keys in the order given (unlike `jsonb`, which sorts them)."""

    function = "json_build_object"
    output_field = models.JSONField()

    def __init__(self, **pieces: Any) -> None:
        arguments: list[Any] = []
        for name, piece in pieces.items():
            arguments += [Value(name, output_field=models.TextField()), piece]
        super().__init__(*arguments)


class JSONText(Func):
    """A JSON value read as its text (passed on as it is, never parsed into Python objects on the way)."""

    template = "(%(expressions)s)::text"
    output_field = models.TextField()
