"""Integrations: created with a secret key shown once (in the receiving address), the key rotated."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.lookups import client_resolve
from core.actor import Actor
from core.audit import audit_log, audit_log_created
from core.errors import Duplicate, InvalidInput, NotFound
from core.lookups import record_resolve
from core.models import AuditAction
from core.permissions import require
from integrations.choices import IntegrationKind
from integrations.models import Integration
from integrations.rules import rules_clean
from oncall.models import EscalationPolicy

FIELDS = {"name", "kind", "client", "rules", "policy", "auto_resolve", "rate_per_minute"}


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def receiving_url(key: str) -> str:
    """The absolute address a source posts to; it holds the key, so it is shown once."""
    return f"{settings.TRACER_SITE_URL.rstrip('/')}{reverse('api-alert-intake', args=[key])}"


def integration_by_key(key: str) -> Integration:
    """The enabled integration a key opens; an unknown, rotated or disabled key is a 404 like any missing record."""
    found = Integration.objects.filter(key_hash=key_hash(key), enabled=True).first()
    if found is None:
        raise NotFound("No integration has this address.", code="not_found")
    return found


@transaction.atomic
def integration_create(*, actor: Actor, data: Mapping[str, Any]) -> tuple[Integration, str]:
    """A new source, and its receiving address (the only time the key is shown)."""
    require(actor, "integrations.manage")
    errors: dict[str, Any] = {name: "Unknown field." for name in data if name not in FIELDS}
    raw_name = data.get("name")
    name = raw_name.strip() if isinstance(raw_name, str) else ""
    if not name or len(name) > 120:
        errors["name"] = "A name, up to 120 characters."
    if data.get("kind") not in IntegrationKind.values:
        errors["kind"] = f"One of {', '.join(IntegrationKind.values)}."
    rate = data.get("rate_per_minute", 600)
    if not isinstance(rate, int) or isinstance(rate, bool) or not 1 <= rate <= 100_000:
        errors["rate_per_minute"] = "From 1 to 100000."
    if not isinstance(data.get("auto_resolve", False), bool):
        errors["auto_resolve"] = "true or false."
    if errors:
        raise InvalidInput("The integration is invalid.", code="invalid_integration", fields=errors)
    rules = rules_clean(data.get("rules"))
    client = client_resolve(data["client"], actor=actor) if data.get("client") not in (None, "") else None
    policy = None
    if data.get("policy") not in (None, ""):
        policy = record_resolve(EscalationPolicy, data["policy"], field="policy", code="policy_not_found",
                                noun="policy")  # fmt: skip
    if Integration.objects.filter(name=name).exists():
        raise Duplicate(f"An integration named {name} exists.", code="integration_exists", fields={"name": "Taken."})
    key = secrets.token_urlsafe(32)
    integration = Integration.objects.create(
        name=name, kind=data["kind"], client=client, rules=rules, policy=policy, key_hash=key_hash(key),
        auto_resolve=bool(data.get("auto_resolve", False)), rate_per_minute=rate, created_by_id=actor.user_id or 0,
    )  # fmt: skip
    audit_log_created(actor=actor, record=integration, fields=["name", "kind", "client_id", "policy_id"])
    return integration, key


@transaction.atomic
def integration_rotate_key(*, actor: Actor, integration: Integration) -> tuple[Integration, str]:
    """A new key (and address); the old one answers 404 from now on."""
    require(actor, "integrations.manage")
    integration = Integration.objects.select_for_update().get(pk=integration.pk)
    key = secrets.token_urlsafe(32)
    integration.key_hash, integration.updated_at = key_hash(key), timezone.now()
    integration.save(update_fields=["key_hash", "updated_at"])
    audit_log(actor=actor, record=integration, action=AuditAction.UPDATE, changes={"key": ("old", "rotated")})
    return integration, key
