"""Token authentication in one statement: the token's user is read by the token's key with a SELECT composed once
per process (and prepared per connection), not built by the ORM on every request (building it cost more than
running it). The answers are
DRF's: 401 for an unknown key or an inactive user."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connections
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

from core.prepared import RecordReader, fetch_one


@functools.cache
def _statement() -> tuple[str, RecordReader]:
    """The SELECT, and the reader of its rows."""
    user = get_user_model()
    quote = connections["default"].ops.quote_name
    reader = RecordReader(user, "u")
    holder, secret = Token._meta.get_field("user"), Token._meta.get_field("key")
    sql = (
        f"SELECT {reader.columns} FROM {quote(Token._meta.db_table)} t "
        f"JOIN {quote(user._meta.db_table)} u ON u.{quote(user._meta.pk.column)} = t.{quote(holder.column)} "
        f"WHERE t.{quote(secret.column)} = %s"
    )
    return sql, reader


def token_user(key: str) -> Any:
    """The user holding the token `key`, or None."""
    sql, reader = _statement()
    row = fetch_one("tracer_token_user", sql, [key])
    return None if row is None else reader.instance(row)


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, as DRF's, with the user read in one statement."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user = token_user(key)
        if user is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return user, Token(key=key, user=user)
