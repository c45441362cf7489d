"""Who may grant which role, and whose account they may change: the role-grant matrix, in one place.

`users.manage` lets a role into the user pages; this matrix decides what it may do there:
- a system administrator grants every role and may change every account;
- an incident manager grants the working roles below theirs (technical support, account manager, client
  contact) and changes only the accounts that hold one of them;
- only a system administrator changes an administrator's account: a system administrator, a staff member or a
  superuser (which includes their password, their status and their role);
- nobody changes their own role or status (so nobody deactivates or promotes themselves).
Changing a role needs the right to remove the old role and to grant the new one.
"""

from __future__ import annotations

from core.actor import Actor, Person
from core.errors import NotPermitted
from core.roles import Role

WORKING_ROLES = frozenset({Role.TECHNICAL_SUPPORT, Role.ACCOUNT_MANAGER, Role.CLIENT_CONTACT})

GRANTABLE: dict[str, frozenset[str]] = {
    Role.SYSTEM_ADMINISTRATOR: frozenset(Role.values),
    Role.INCIDENT_MANAGER: WORKING_ROLES,
}
"""For each role, the roles its holders may grant, change or remove (a role not listed grants nothing)."""


def is_administrator(person: Person) -> bool:
    """A system administrator, a staff member or a superuser: accounts only a system administrator touches."""
    return person.role == Role.SYSTEM_ADMINISTRATOR or person.is_staff or person.is_superuser


def grantable_roles(actor: Actor) -> frozenset[str]:
    """The roles the actor may grant (the system actor: every role)."""
    if actor.user is None:
        return frozenset(Role.values)
    if actor.user.is_superuser:
        return GRANTABLE[Role.SYSTEM_ADMINISTRATOR]
    return GRANTABLE.get(actor.user.role, frozenset())


def _refuse(message: str) -> NotPermitted:
    return NotPermitted(message, code="role_grant_forbidden")


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


def account_manage_refusal(actor: Actor, target: Person) -> str | None:
    """Why the actor may not change `target`'s account at all, or None when they may."""
    if actor.user is None or actor.user.pk == target.pk:
        return None
    granted = grantable_roles(actor)
    if is_administrator(target) and Role.SYSTEM_ADMINISTRATOR not in granted:
        return "Only a system administrator changes an administrator's account."
    if target.role not in granted:
        return f"Your role does not manage {_role_label(target.role).lower()} accounts."
    return None


def grant_check(
    actor: Actor,
    *,
    target: Person | None,
    role: str | None = None,
    status_changes: bool = False,
    administrator: bool = False,
) -> None:
    """Raise `role_grant_forbidden` unless the actor may give `target` (None: a new account) `role`, change its
    status (`status_changes`), or make it an administrator account (`administrator`: staff or superuser)."""
    if actor.user is None:
        return
    granted = grantable_roles(actor)
    own = target is not None and actor.user.pk == target.pk
    if own and role is not None and role != target.role:  # type: ignore[union-attr]
        raise _refuse("You cannot change your own role.")
    if own and status_changes:
        raise _refuse("You cannot change your own status.")
    if target is not None and (refusal := account_manage_refusal(actor, target)):
        raise _refuse(refusal)
    if role is not None and (target is None or role != target.role) and role not in granted:
        raise _refuse(f"Your role may not grant the {_role_label(role).lower()} role.")
    if administrator and Role.SYSTEM_ADMINISTRATOR not in granted:
        raise _refuse("Only a system administrator creates an administrator account.")


def account_manage_allowed(actor: Actor, target: Person) -> bool:
    """Whether the user pages should offer to edit `target` (the actor holds users.manage too)."""
    return account_manage_refusal(actor, target) is None
