"""Every write of on-call: schedules and overrides, policies, pages and their acknowledgement, calendar feeds."""

from oncall.services.feeds import calendar_feed_rotate
from oncall.services.pages import page_acknowledge, page_acknowledge_by_link, page_trigger, pages_escalate_due
from oncall.services.policies import policy_create
from oncall.services.schedules import on_call, override_create, schedule_create

__all__ = [
    "calendar_feed_rotate",
    "on_call",
    "override_create",
    "page_acknowledge",
    "page_acknowledge_by_link",
    "page_trigger",
    "pages_escalate_due",
    "policy_create",
    "schedule_create",
]
