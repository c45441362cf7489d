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
from core.audit import audit_log, audit_log_created, model_update
from core.errors import InvalidInput, NotFound
from core.lookups import record_resolve
from core.models import AuditAction
from core.permissions import require
from core.validation import body_begin, name_free
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


def _clean(data: Mapping[str, Any], actor: Actor, *, partial: bool) -> dict[str, Any]:
    """The integration's fields checked together (on an update, only those given; the kind never changes)."""
    allowed = FIELDS - {"kind"} | {"enabled"} if partial else FIELDS
    cleaned, errors = body_begin(data, allowed, partial=partial)
    if not partial:
        cleaned["kind"] = data.get("kind")
        if cleaned["kind"] not in IntegrationKind.values:
            errors["kind"] = [f"One of {', '.join(IntegrationKind.values)}."]
    if not partial or "rate_per_minute" in data:
        cleaned["rate_per_minute"] = rate = data.get("rate_per_minute", 600)
        if not isinstance(rate, int) or isinstance(rate, bool) or not 1 <= rate <= 100_000:
            errors["rate_per_minute"] = ["From 1 to 100000."]
    for flag, default in (("auto_resolve", False), ("enabled", True)):
        if (not partial and flag == "auto_resolve") or flag in data:
            cleaned[flag] = data.get(flag, default)
            if not isinstance(cleaned[flag], bool):
                errors[flag] = ["true or false."]
    if errors:
        raise InvalidInput("The integration is invalid.", code="invalid_integration", fields=errors)
    if not partial or "rules" in data:
        cleaned["rules"] = rules_clean(data.get("rules"))
    if not partial or "client" in data:
        named = data.get("client") not in (None, "")
        cleaned["client"] = client_resolve(data["client"], actor=actor) if named else None
    if not partial or "policy" in data:
        cleaned["policy"] = None
        if data.get("policy") not in (None, ""):
            cleaned["policy"] = record_resolve(EscalationPolicy, data["policy"], field="policy",
                                               code="policy_not_found", noun="policy")  # fmt: skip
    return cleaned


@transaction.atomic
def integration_create(*, actor: Actor, data: Mapping[str, Any]) -> tuple[Integration, str]:
    """A new source, and its receiving address (the only time the key is shown)."""
    require(actor, "integrations.manage")
    cleaned = _clean(data, actor, partial=False)
    name_free(Integration.objects.all(), cleaned["name"], other_than=None, code="integration_exists")
    key = secrets.token_urlsafe(32)
    integration = Integration.objects.create(**cleaned, key_hash=key_hash(key), created_by_id=actor.user_id or 0)
    audit_log_created(actor=actor, record=integration, fields=["name", "kind", "client_id", "policy_id"])
    return integration, key


@transaction.atomic
def integration_update(*, actor: Actor, integration: Integration, data: Mapping[str, Any]) -> Integration:
    """Rename, route differently (rules, client, policy), switch auto-resolve, the rate, or turn the source off."""
    require(actor, "integrations.manage")
    integration = Integration.objects.select_for_update().get(pk=integration.pk)
    cleaned = _clean(data, actor, partial=True)
    if "name" in cleaned:
        name_free(Integration.objects.all(), cleaned["name"], other_than=integration, code="integration_exists")
    fields = ["name", "rules", "client", "policy", "auto_resolve", "rate_per_minute", "enabled"]
    changes = model_update(instance=integration, data=cleaned, fields=fields)
    if changes:
        audit_log(actor=actor, record=integration, action=AuditAction.UPDATE, changes=changes)
    return integration


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
