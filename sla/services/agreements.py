"""Writes to SLA agreements (one active per client, dates in order), business calendars, and the clocks."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.lookups import client_resolve
from accounts.models import validate_timezone
from core.actor import Actor
from core.audit import audit_log, audit_log_created, model_update
from core.errors import Duplicate, InvalidInput
from core.lifecycle import check_change
from core.models import AuditAction
from core.permissions import require
from core.validation import clean_fields
from incidents.hooks import IncidentEvent
from incidents.models import Incident
from incidents.transitions import ACTIVE_STATUSES
from sla.choices import AgreementStatus
from sla.models import BusinessCalendar, SLAAgreement
from sla.services.clocks import sla_refresh
from sla.transitions import AGREEMENT_TRANSITIONS

AGREEMENT_FIELDS = ("client", "tier", "support_coverage", "effective_date", "expiration_date", "status")
AGREEMENT_REQUIRED = ("client", "tier", "support_coverage", "effective_date")
UPDATABLE_FIELDS = ("tier", "support_coverage", "effective_date", "expiration_date", "status")
ONE_ACTIVE = "The client already has an active SLA agreement; deactivate or expire it first."


def _check_dates(effective: Any, expiration: Any) -> None:
    if expiration is not None and effective is not None and expiration < effective:
        raise InvalidInput(
            "The agreement cannot expire before it takes effect.",
            code="expiration_before_effective",
            fields={"expiration_date": "Must be on or after the effective date."},
        )


def _check_one_active(client_id: int, *, exclude_pk: int | None = None) -> None:
    active = SLAAgreement.objects.select_for_update().filter(client_id=client_id, status=AgreementStatus.ACTIVE)
    if exclude_pk is not None:
        active = active.exclude(pk=exclude_pk)
    if active.exists():
        raise Duplicate(ONE_ACTIVE, code="active_agreement_exists", fields={"status": ONE_ACTIVE})


def _save_guarded(save: Any) -> Any:
    """A concurrent activation is caught by the partial unique index; report it as the same rule."""
    try:
        with transaction.atomic():
            return save()
    except IntegrityError:
        raise Duplicate(ONE_ACTIVE, code="active_agreement_exists") from None


@transaction.atomic
def sla_agreement_create(*, actor: Actor, **data: Any) -> SLAAgreement:
    """Create an agreement for an existing client; only one may be active per client."""
    require(actor, "sla.manage")
    cleaned = clean_fields(SLAAgreement, data, allowed=AGREEMENT_FIELDS, required=AGREEMENT_REQUIRED, skip=("client",))
    client = client_resolve(cleaned.pop("client"))
    _check_dates(cleaned.get("effective_date"), cleaned.get("expiration_date"))
    if cleaned.get("status", AgreementStatus.ACTIVE) == AgreementStatus.ACTIVE:
        _check_one_active(client.pk)
    agreement = _save_guarded(
        lambda: SLAAgreement.objects.create(client=client, created_by_id=actor.user_id, **cleaned)
    )
    audit_log_created(actor=actor, record=agreement, fields=["client_id", *cleaned])
    return agreement


@transaction.atomic
def sla_agreement_update(*, actor: Actor, agreement: SLAAgreement, data: dict[str, Any]) -> SLAAgreement:
    """Change an agreement's tier, coverage, dates or status; activating it needs no other active one."""
    require(actor, "sla.manage")
    agreement = SLAAgreement.objects.select_for_update().get(pk=agreement.pk)
    cleaned = clean_fields(SLAAgreement, data, allowed=UPDATABLE_FIELDS)
    _check_dates(
        cleaned.get("effective_date", agreement.effective_date),
        cleaned.get("expiration_date", agreement.expiration_date),
    )
    check_change(AGREEMENT_TRANSITIONS, current=agreement.status, data=cleaned, field="status", label=str(agreement))
    if cleaned.get("status") == AgreementStatus.ACTIVE and agreement.status != AgreementStatus.ACTIVE:
        _check_one_active(agreement.client_id, exclude_pk=agreement.pk)
    changes = _save_guarded(lambda: model_update(instance=agreement, data=cleaned, fields=UPDATABLE_FIELDS))
    if changes:
        audit_log(actor=actor, record=agreement, action=AuditAction.UPDATE, changes=changes)
    return agreement


CALENDAR_FIELDS = ("working_days", "opens", "closes", "timezone")


@transaction.atomic
def business_calendar_set(*, actor: Actor, client: Any, **data: Any) -> Any:
    """Set a client's working days, hours and time zone; its open incidents' business-hours due times follow."""
    require(actor, "sla.manage")
    cleaned = clean_fields(BusinessCalendar, data, allowed=CALENDAR_FIELDS, required=CALENDAR_FIELDS)
    days = [part.strip() for part in cleaned["working_days"].split(",") if part.strip()]
    if not days or any(not day.isdigit() or int(day) > 6 for day in days):
        raise InvalidInput(fields={"working_days": "Give day numbers 0 (Monday) to 6 (Sunday), comma separated."})
    if cleaned["closes"] <= cleaned["opens"]:
        raise InvalidInput(fields={"closes": "Must be after the opening time."})
    try:
        validate_timezone(cleaned["timezone"])
    except ValidationError:
        raise InvalidInput(fields={"timezone": "Not a known time zone."}) from None
    cleaned["working_days"] = ",".join(sorted(set(days)))
    calendar, created = BusinessCalendar.objects.select_for_update().get_or_create(client=client, defaults=cleaned)
    if created:
        changes = {name: (None, value) for name, value in cleaned.items()}
    else:
        changes = model_update(instance=calendar, data=cleaned, fields=CALENDAR_FIELDS)
    if not changes:
        return calendar
    audit_log(
        actor=actor,
        record=client,
        action=AuditAction.UPDATE,
        changes={f"calendar.{name}": change for name, change in changes.items()},
    )
    open_incidents = Incident.objects.filter(
        status__in=ACTIVE_STATUSES, ci_links__ci__assignments__client=client
    ).distinct()
    ids = list(open_incidents.values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        sla_refresh(incidents=Incident.objects.filter(pk__in=ids[start : start + 500]))
    return calendar


CLOCK_FIELDS = frozenset({"status", "severity", "configuration_items", "detection_time"})
"""What an incident's SLA clocks are computed from: a change to any of them recomputes them."""


def sla_follow_incident(event: IncidentEvent) -> None:
    """Keep an incident's SLA due and met times current, in the transaction that changed it. Clocks run for the
    clients of an incident's configuration items: an incident known to have none has none to keep."""
    if event.without_cis and not event.changed:
        return
    if not event.changed or event.changed & CLOCK_FIELDS:
        sla_refresh(incidents=[event.incident])
