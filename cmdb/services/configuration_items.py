"""Writes to the CMDB: configuration items and their client assignments."""

from typing import Any

from django.db import IntegrityError, transaction

from accounts.lookups import client_resolve, user_resolve
from accounts.models import Client, User
from cmdb.models import CIClientAssignment, ConfigurationItem
from cmdb.transitions import OPERATIONAL_TRANSITIONS
from core.actor import Actor
from core.audit import audit_log, audit_log_created, model_update
from core.errors import Duplicate, NotFound
from core.lifecycle import check_change
from core.models import AuditAction
from core.permissions import require
from core.validation import clean_fields

CI_FIELDS = ("ci_name", "ci_type", "environment", "operational_status", "responsible_owner")
CI_REQUIRED = ("ci_name", "ci_type", "environment", "responsible_owner")


def _resolve_owner(value: User | int | str) -> User:
    return user_resolve(value, field="responsible_owner", label="owner")


@transaction.atomic
def ci_create(*, actor: Actor, **data: Any) -> ConfigurationItem:
    """Register a configuration item with an active responsible owner."""
    require(actor, "cmdb.manage")
    cleaned = clean_fields(
        ConfigurationItem, data, allowed=CI_FIELDS, required=CI_REQUIRED, skip=("responsible_owner",)
    )
    cleaned["responsible_owner"] = _resolve_owner(cleaned["responsible_owner"])
    ci = ConfigurationItem.objects.create(**cleaned)
    audit_log_created(actor=actor, record=ci, fields=cleaned)
    return ci


@transaction.atomic
def ci_update(*, actor: Actor, ci: ConfigurationItem, data: dict[str, Any]) -> ConfigurationItem:
    """Change a configuration item (its status, owner, environment ...)."""
    require(actor, "cmdb.manage")
    ci = ConfigurationItem.objects.select_for_update().get(pk=ci.pk)
    cleaned = clean_fields(ConfigurationItem, data, allowed=CI_FIELDS, skip=("responsible_owner",))
    if "responsible_owner" in cleaned:
        cleaned["responsible_owner"] = _resolve_owner(cleaned["responsible_owner"])
    check_change(
        OPERATIONAL_TRANSITIONS,
        current=ci.operational_status,
        data=cleaned,
        field="operational_status",
        label=ci.ci_name,
    )
    changes = model_update(instance=ci, data=cleaned, fields=CI_FIELDS)
    if changes:
        audit_log(actor=actor, record=ci, action=AuditAction.UPDATE, changes=changes)
    return ci


@transaction.atomic
def ci_assign_client(*, actor: Actor, ci: ConfigurationItem, client: Client | int) -> CIClientAssignment:
    """Record that a client depends on a configuration item; each pair once."""
    require(actor, "cmdb.manage")
    client_id = client_resolve(client).pk
    if CIClientAssignment.objects.filter(ci=ci, client_id=client_id).exists():
        raise Duplicate("This client is already assigned to the configuration item.", code="assignment_exists")
    try:
        with transaction.atomic():
            assignment = CIClientAssignment.objects.create(ci=ci, client_id=client_id)
    except IntegrityError:
        raise Duplicate(
            "This client is already assigned to the configuration item.", code="assignment_exists"
        ) from None
    audit_log(actor=actor, record=ci, action=AuditAction.UPDATE, changes={"clients": (None, client_id)})
    return assignment


@transaction.atomic
def ci_unassign_client(*, actor: Actor, ci: ConfigurationItem, client: Client | int) -> None:
    """Remove a client's dependency on a configuration item."""
    require(actor, "cmdb.manage")
    client_id = client.pk if isinstance(client, Client) else client
    deleted, _ = CIClientAssignment.objects.filter(ci=ci, client_id=client_id).delete()
    if not deleted:
        raise NotFound("This client is not assigned to the configuration item.", code="assignment_not_found")
    audit_log(actor=actor, record=ci, action=AuditAction.UPDATE, changes={"clients": (client_id, None)})
