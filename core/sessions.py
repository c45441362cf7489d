"""Django's database sessions, read by one statement composed once per process and prepared per connection.

Every signed-in page reads its session first; the ORM spent four times as long building that SELECT as running
it. Writing, expiry and logout are Django's own (the same table and rows), and so is reading elsewhere than on
PostgreSQL.
"""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from core.prepared import columns_of, fetch_one


@functools.cache
def _statement() -> str:
    table = connection.ops.quote_name(Session._meta.db_table)
    key, expires = columns_of(Session, ["session_key"]), columns_of(Session, ["expire_date"])
    read = columns_of(Session, ["session_data", "expire_date"])
    return f"SELECT {read} FROM {table} WHERE {key} = %s AND {expires} > %s"


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Any:
        if connection.vendor != "postgresql" or self.get_model_class() is not Session:
            return super()._get_session_from_db()  # type: ignore[misc]  # Django's, not in the stubs
        key = self.session_key
        row = fetch_one("tracer_session_read", _statement(), [key, timezone.now()]) if key else None
        if key is None or row is None:  # unknown or expired: a new session, as Django's store answers
            self._session_key = None
            return None
        return Session(session_key=key, session_data=row[0], expire_date=row[1])
