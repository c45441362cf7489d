"""Reference data set tables owned by accounts: clients and users."""

from typing import Any

from django.contrib.auth.hashers import make_password
from django.db.models import Model

from accounts.models import Client, User
from accounts.services import user_client_check
from core.importing import TableSpec, register
from core.importing.registry import ImportContext


def _user_client_rule(row: dict[str, Any], ctx: ImportContext) -> str | None:
    user_client_check(role=row["role"], client=row.get("client_id"))
    return None


def _no_password(user: Model) -> None:
    # Imported people sign in only after an administrator sets their password.
    user.password = make_password(None)  # type: ignore[attr-defined]


register(
    TableSpec(
        table="clients",
        model=Client,
        id_key="client_id",
        order=10,
        columns=(
            "client_name",
            "registration_number",
            "company_type",
            "primary_address",
            "support_coverage",
            "preferred_communication",
            "status",
            "created_at",
            "updated_at",
        ),
        required=("client_name", "registration_number", "company_type", "support_coverage", "preferred_communication"),
        unique=("registration_number",),
    )
)

register(
    TableSpec(
        table="users",
        model=User,
        id_key="user_id",
        order=20,
        columns=(
            "first_name",
            "last_name",
            "email",
            "role",
            "timezone",
            "status",
            "client_id",
            "created_at",
            "updated_at",
        ),
        references={"client_id": "clients"},
        required=("first_name", "last_name", "email", "role", "status"),
        unique=("email",),
        checks=(_user_client_rule,),
        prepare=_no_password,
    )
)
