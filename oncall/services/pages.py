"""Pages: someone must act. The policy's steps are paged in turn, by email through the outbox with a signed
acknowledge link, until one person acknowledges or every round has run.

Stepping is exactly once: the scheduler claims a due page under a row lock (others skip it) and moves it with a
compare-and-set on its step, in the same transaction as the notices and the emails it writes; a worker killed
midway rolls everything back and the next run does the step again. Emails carry a key per person, step and round,
so a step replayed sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.choices import UserStatus
from accounts.models import User
from communications.services.outbox import outbox_enqueue
from core.actor import Actor, Source
from core.audit import audit_log, audit_log_created
from core.errors import Conflict, NotPermitted, RuleViolation
from core.models import AuditAction
from core.permissions import can, require
from core.roles import Role
from incidents.models import Incident
from oncall.choices import PageSource, PageStatus, TargetKind
from oncall.models import EscalationPolicy, EscalationStep, Page, PageNotice, PolicyClient, PolicyItem
from oncall.services.schedules import on_call
from oncall.transitions import PAGE_TRANSITIONS

ACK_SALT = "oncall.page.acknowledge"
BATCH = 50


def policy_for(*, client_id: int | None, ci_ids: Iterable[int] = ()) -> EscalationPolicy | None:
    """The policy a record's pages follow: its first configuration item's that has one, else its client's."""
    return policies_for([(client_id, list(ci_ids))])[0]


def policies_for(records: list[tuple[int | None, list[int]]]) -> list[EscalationPolicy | None]:
    """`policy_for` of many (client, items) records at once, with two queries whatever their number."""
    items = {
        bound.configuration_item_id: bound.policy
        for bound in PolicyItem.objects.filter(
            configuration_item_id__in={ci for _client, cis in records for ci in cis}
        ).select_related("policy")
    }
    clients = {
        bound.client_id: bound.policy
        for bound in PolicyClient.objects.filter(
            client_id__in={client for client, _cis in records if client is not None}
        ).select_related("policy")
    }
    found: list[EscalationPolicy | None] = []
    for client, cis in records:
        by_item = [items[ci] for ci in sorted(cis) if ci in items]
        found.append(by_item[0] if by_item else clients.get(client) if client is not None else None)
    return found


def step_people(step: EscalationStep, at: dt.datetime) -> list[User]:
    """The active people a step names now: a schedule's on-call, a person, or every incident manager."""
    people: dict[int, User] = {}
    for target in step.targets.select_related("schedule", "user"):
        if target.kind == TargetKind.SCHEDULE and target.schedule is not None:
            found = on_call(target.schedule, at)[1]
        elif target.kind == TargetKind.USER and target.user is not None:
            found = [target.user]
        else:
            found = list(User.objects.filter(role=Role.INCIDENT_MANAGER).order_by("id"))
        people.update((user.pk, user) for user in found if user.status == UserStatus.ACTIVE)
    return list(people.values())


def ack_token(page: Page, user: User) -> str:
    return signing.dumps({"page": page.pk, "user": user.pk}, salt=ACK_SALT, compress=True)


def ack_link(page: Page, user: User) -> str:
    path = reverse("oncall:acknowledge-link", args=[ack_token(page, user)])
    return f"{settings.TRACER_SITE_URL.rstrip('/')}{path}"


def _page_step(page: Page, steps: list[EscalationStep], now: dt.datetime) -> list[User]:
    """Page the current step's people (a notice and an email each) and set when the next step is due."""
    step = steps[page.step]
    people = step_people(step, now)
    incident_link = (
        f"{settings.TRACER_SITE_URL.rstrip('/')}{page.incident.get_absolute_url()}" if page.incident else None
    )
    for user in people:
        PageNotice.objects.get_or_create(page=page, user=user, step=page.step, round=page.round,
                                         defaults={"sent_at": now})  # fmt: skip
        outbox_enqueue(
            key=f"page:{page.pk}:{page.round}:{page.step}:{user.pk}",
            to=[user.email],
            subject=f"[Page] {page.summary}",
            template="oncall_page",
            context={
                "page": page, "person": user, "ack": ack_link(page, user), "link": incident_link,
                "incident": page.incident, "step": page.step + 1, "steps": len(steps), "wait": step.wait_minutes,
                "max_age": settings.TRACER_PAGE_ACK_HOURS,
            },
        )  # fmt: skip
    page.next_step_at = now + dt.timedelta(minutes=step.wait_minutes)
    return people


def page_trigger(
    *,
    actor: Actor,
    policy: EscalationPolicy,
    source: str,
    summary: str,
    key: str,
    incident: Incident | None = None,
) -> Page | None:
    """Open a page and page the policy's first step; the same key twice is the same page (None the second time)."""
    steps = list(policy.steps.order_by("position"))
    if not steps:
        return None
    if source not in PageSource.values:
        raise RuleViolation(f"Unknown page source {source}.", code="invalid_page_source")
    now = timezone.now()
    try:
        with transaction.atomic():
            page = Page.objects.create(
                key=key[:200], policy=policy, source=source, summary=summary[:300], incident=incident,
                created_at=now, updated_at=now,
            )  # fmt: skip
    except IntegrityError:
        return None
    _page_step(page, steps, now)
    page.save(update_fields=["next_step_at"])
    audit_log_created(actor=actor, record=page, fields=["policy_id", "source", "summary"], parent=incident)
    return page


def _advance(page: Page, now: dt.datetime) -> bool:
    """Move a claimed, due page to its next step (or next round, or its end); False when another run moved it."""
    steps = list(page.policy.steps.all())  # read with the batch, in position order
    step, round_ = page.step + 1, page.round
    if step >= len(steps):
        step, round_ = 0, round_ + 1
    moved = Page.objects.filter(pk=page.pk, status=PageStatus.TRIGGERED, step=page.step, round=page.round)
    if round_ > page.policy.repeats:
        changed = moved.update(status=PageStatus.EXHAUSTED, next_step_at=None, updated_at=now)
        if changed:
            audit_log(actor=Actor.system(), record=page, action=AuditAction.UPDATE,
                      changes={"status": (PageStatus.TRIGGERED, PageStatus.EXHAUSTED)})  # fmt: skip
        return bool(changed)
    if not moved.update(step=step, round=round_, updated_at=now):
        return False
    old = (page.step, page.round)
    page.step, page.round = step, round_
    _page_step(page, steps, now)
    Page.objects.filter(pk=page.pk).update(next_step_at=page.next_step_at)
    audit_log(actor=Actor.system(), record=page, action=AuditAction.UPDATE,
              changes={"step": (old[0] + 1, step + 1), "round": (old[1], round_)})  # fmt: skip
    return True


def pages_escalate_due(now: dt.datetime | None = None) -> int:
    """The scheduler's step: every page whose wait ran out without an acknowledgement moves on, once."""
    moved = 0
    while True:
        with transaction.atomic():
            moment = now or timezone.now()
            due = list(
                Page.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("policy", "incident")
                .prefetch_related("policy__steps")
                .filter(status=PageStatus.TRIGGERED, next_step_at__lte=moment)
                .order_by("next_step_at", "id")[:BATCH]
            )
            moved += sum(_advance(page, moment) for page in due)
        if len(due) < BATCH:
            return moved


@transaction.atomic
def page_acknowledge(*, actor: Actor, page: Page) -> Page:
    """Someone paged (or who manages on-call) takes the page: it stops escalating."""
    require(actor, "oncall.acknowledge")
    page = Page.objects.select_for_update().get(pk=page.pk)
    paged = PageNotice.objects.filter(page=page, user_id=actor.user_id or 0).exists()
    if not paged and not can(actor, "oncall.manage"):
        raise NotPermitted("Only someone this page was sent to acknowledges it.", code="not_paged")
    if PageStatus.ACKNOWLEDGED not in PAGE_TRANSITIONS[page.status]:
        who = page.acknowledged_by.full_name if page.acknowledged_by else "nobody"
        text = f"acknowledged by {who}"
        raise Conflict(f"This page is already {text}.", code="page_not_open")
    now = timezone.now()
    old = page.status
    page.status, page.acknowledged_at, page.acknowledged_by_id = PageStatus.ACKNOWLEDGED, now, actor.user_id
    page.next_step_at, page.updated_at = None, now
    page.save(update_fields=["status", "acknowledged_at", "acknowledged_by", "next_step_at", "updated_at"])
    audit_log(actor=actor, record=page, action=AuditAction.UPDATE,
              changes={"status": (old, PageStatus.ACKNOWLEDGED)}, parent=page.incident)  # fmt: skip
    return page


def page_from_link(token: str) -> tuple[Page, User]:
    """The page and person a signed link names; refused when tampered with (`ack_link_invalid`) or older than
    TRACER_PAGE_ACK_HOURS (`ack_link_expired`)."""
    try:
        data = signing.loads(token, salt=ACK_SALT, max_age=dt.timedelta(hours=settings.TRACER_PAGE_ACK_HOURS))
    except signing.SignatureExpired:
        raise RuleViolation(
            "This acknowledge link has expired; sign in to acknowledge the page.", code="ack_link_expired"
        ) from None
    except signing.BadSignature:
        raise RuleViolation("This acknowledge link is not valid.", code="ack_link_invalid") from None
    page = Page.objects.select_related("incident", "acknowledged_by").filter(pk=data.get("page")).first()
    user = User.objects.filter(pk=data.get("user"), status=UserStatus.ACTIVE).first()
    if page is None or user is None:
        raise RuleViolation("This acknowledge link is not valid.", code="ack_link_invalid")
    return page, user


def page_acknowledge_by_link(token: str) -> Page:
    """The emailed link: acknowledges in the name of the person it was sent to, without signing in."""
    page, user = page_from_link(token)
    return page_acknowledge(actor=Actor(user=user, source=Source.WEB), page=page)
