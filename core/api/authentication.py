"""Token authentication in one statement: the token's user is read by the token's key with a SELECT composed once
per process, not built by the ORM on every request (building it cost more than running it). The answers are
DRF's: 401 for an unknown key or an inactive user."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connections
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token


@functools.cache
def _statement() -> tuple[str, list[str], list[list[Any]]]:
    """The SELECT, the user's attribute names, and each column's converters (as the ORM applies them)."""
    user = get_user_model()
    connection = connections["default"]
    quote = connection.ops.quote_name
    names = [field.attname for field in user._meta.concrete_fields]
    converters = []
    for field in user._meta.concrete_fields:
        column = field.get_col(user._meta.db_table)
        converters.append([*connection.ops.get_db_converters(column), *column.get_db_converters(connection)])
    columns = ", ".join(f"u.{quote(field.column)}" for field in user._meta.concrete_fields)
    sql = (
        f"SELECT {columns} FROM {quote(Token._meta.db_table)} t "
        f"JOIN {quote(user._meta.db_table)} u ON u.{quote(user._meta.pk.column)} = t.{quote('user_id')} "
        f"WHERE t.{quote('key')} = %s"
    )
    return sql, names, converters


def token_user(key: str) -> Any:
    """The user holding the token `key`, or None."""
    sql, names, converters = _statement()
    connection = connections["default"]
    with connection.cursor() as cursor:
        cursor.execute(sql, [key])
        row = cursor.fetchone()
    if row is None:
        return None
    user_model = get_user_model()
    values = []
    for field, value, steps in zip(user_model._meta.concrete_fields, row, converters, strict=True):
        column = field.get_col(user_model._meta.db_table)
        for step in steps:
            value = step(value, column, connection)
        values.append(value)
    return user_model.from_db("default", names, values)


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, as DRF's, with the user read in one prepared statement."""

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user = token_user(key)
        if user is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return user, Token(key=key, user=user)
