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

from core.prepared import fetch_one


@functools.cache
def _statement() -> tuple[str, list[str], list[tuple[Any, list[Any]]]]:
    """The SELECT, the user's attribute names, and each column with its converters (as the ORM applies them)."""
    user = get_user_model()
    connection = connections["default"]
    quote = connection.ops.quote_name
    fields = user._meta.concrete_fields
    converters = []
    for field in fields:
        column = field.get_col(user._meta.db_table)
        converters.append((column, [*connection.ops.get_db_converters(column), *column.get_db_converters(connection)]))
    holder, secret = Token._meta.get_field("user"), Token._meta.get_field("key")
    sql = (
        f"SELECT {', '.join(f'u.{quote(field.column)}' for field in fields)} FROM {quote(Token._meta.db_table)} t "
        f"JOIN {quote(user._meta.db_table)} u ON u.{quote(user._meta.pk.column)} = t.{quote(holder.column)} "
        f"WHERE t.{quote(secret.column)} = %s"
    )
    return sql, [field.attname for field in fields], converters


def token_user(key: str) -> Any:
    """The user holding the token `key`, or None."""
    sql, names, converters = _statement()
    connection = connections["default"]
    row = fetch_one("tracer_token_user", sql, [key])
    if row is None:
        return None
    values = []
    for value, (column, steps) in zip(row, converters, strict=True):
        for step in steps:
            value = step(value, column, connection)
        values.append(value)
    return get_user_model().from_db("default", names, values)


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, as DRF's, with the user read in one statement."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user = token_user(key)
        if user is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return user, Token(key=key, user=user)
