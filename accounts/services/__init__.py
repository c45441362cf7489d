"""Every write to users, clients and API tokens (SOP 1 and the role-grant rules)."""

from accounts.services.accounts import (
    CLIENT_FIELDS,
    CLIENT_REQUIRED,
    USER_FIELDS,
    USER_REQUIRED,
    client_create,
    client_update,
    user_client_check,
    user_create,
    user_set_password,
    user_update,
)

__all__ = [
    "CLIENT_FIELDS",
    "CLIENT_REQUIRED",
    "USER_FIELDS",
    "USER_REQUIRED",
    "client_create",
    "client_update",
    "user_client_check",
    "user_create",
    "user_set_password",
    "user_update",
]
