"""Resolving the users and clients that a service's input names by id, with the SOP's checks on them."""

from __future__ import annotations

from accounts.choices import UserStatus
from accounts.models import Client, User
from core.actor import Actor
from core.errors import RuleViolation
from core.lookups import record_resolve
from core.permissions import scope


def user_resolve(
    value: User | int | str | None,
    *,
    field: str,
    label: str,
    active: bool = True,
    actor: Actor | None = None,
) -> User:
    """The user `value` names; refused as `<label>_not_found` or, unless `active` is False, `<label>_inactive`.
    Given the `actor`, a user they may not see is refused as not found."""
    within = scope(User.objects.all(), actor) if actor is not None else None
    user = record_resolve(User, value, field=field, code=f"{label}_not_found", noun="user", within=within)
    if active and user.status != UserStatus.ACTIVE:
        raise RuleViolation(
            f"{user.full_name} is inactive; choose an active user.",
            code=f"{label}_inactive",
            fields={field: "This user is inactive."},
        )
    return user


def client_resolve(value: Client | int | str, *, field: str = "client", actor: Actor | None = None) -> Client:
    within = scope(Client.objects.all(), actor) if actor is not None else None
    return record_resolve(Client, value, field=field, code="client_not_found", noun="client", within=within)


def acting_user(actor: Actor) -> User | None:
    """The user behind an actor, as the accounts model (the kernel knows people only as `Person`)."""
    user = actor.user
    if user is None:
        return None
    if not isinstance(user, User):
        raise TypeError(f"An actor's user must be an accounts.User, not {type(user).__name__}.")
    return user
