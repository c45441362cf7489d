"""Who is signed in, read on every page by one statement composed once per process and prepared per connection.

Django's ModelBackend has the ORM build that SELECT on every request, which costs more than running it. Signing in
(the password check) is ModelBackend's own; so is everything else."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import connections

from accounts.models import User
from core.prepared import RecordReader, fetch_one


@functools.cache
def _statement() -> tuple[str, RecordReader]:
    quote = connections["default"].ops.quote_name
    reader = RecordReader(User, "u")
    sql = f"SELECT {reader.columns} FROM {quote(User._meta.db_table)} u WHERE u.{quote(User._meta.pk.column)} = %s"
    return sql, reader


class UserBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        sql, reader = _statement()
        row = fetch_one("tracer_user_read", sql, [user_id])
        if row is None:
            return None
        user: User = reader.instance(row)
        return user if self.user_can_authenticate(user) else None
