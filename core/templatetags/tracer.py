"""Template helpers of the layout: sortable column headers, status badges, and `{% url %}` reversed once per
route (this library is a builtin of the engine, so its `url` is the one every template uses)."""

from typing import Any

from django import template
from django.template import defaulttags
from django.template.base import Parser, Token
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString

from core.links import address
from core.markup import escaped

register = template.Library()


class KeptURLNode(defaulttags.URLNode):
    """Django's `{% url %}`, its address from `core.links.address` (the same address, reversed once per route)."""

    def render(self, context: template.Context) -> str:
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {name: value.resolve(context) for name, value in self.kwargs.items()}
        try:  # as Django's tag finds it
            current_app = context.request.current_app  # type: ignore[attr-defined]
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace  # type: ignore[attr-defined]
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = address(self.view_name.resolve(context), args, kwargs, current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return str(conditional_escape(url)) if context.autoescape else url


@register.tag
def url(parser: Parser, token: Token) -> KeptURLNode:
    node = defaulttags.url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)


BADGE_TONES = {
    "active": "ok",
    "operational": "ok",
    "inactive": "muted",
    "expired": "muted",
    "degraded": "warn",
    "down": "bad",
    "premium": "accent",
    "standard": "info",
    "basic": "muted",
    "P1": "sev1",
    "P2": "sev2",
    "P3": "sev3",
    "P4": "sev4",
    "open": "info",
    "in_progress": "warn",
    "monitoring": "accent",
    "resolved": "ok",
    "closed": "muted",
    "pending": "warn",
    "approved": "ok",
    "denied": "bad",
    "cancelled": "muted",
}


@register.simple_tag(takes_context=True)
def sort_header(context: dict[str, Any], key: str, label: str) -> str:
    """A column header that sorts by `key`, toggling the direction when it is already the sort."""
    current = context.get("sort", "")
    descending = current == key
    target = f"-{key}" if descending else key
    arrow = " ▲" if current == key else (" ▼" if current == f"-{key}" else "")
    base = context.get("query_without_sort", "")
    href = f"?{base}&sort={target}" if base else f"?sort={target}"
    return format_html('<a class="sort" href="{}">{}{}</a>', href, label, arrow)


@register.simple_tag
def navigation_links(items: list[dict[str, Any]]) -> SafeString:
    """The main navigation's links (the layout's on every page), written as its loop in the template wrote them."""
    current = ' aria-current="page"'
    return SafeString(
        "".join(
            f'<a href="{escaped(item["url"])}"{current if item["current"] else ""}>{escaped(item["label"])}</a>'
            for item in items
        )
    )


@register.simple_tag
def badge(value: str, label: str | None = None) -> str:
    tone = BADGE_TONES.get(str(value), "neutral")
    text = label or str(value).replace("_", " ")
    # Written directly rather than through format_html: a list page writes two per row.
    return SafeString(f'<span class="badge badge-{tone}" data-value="{escaped(value)}">{escaped(text)}</span>')


@register.simple_tag(takes_context=True)
def can(context: dict[str, Any], action: str) -> bool:
    """`{% can "users.manage" as allowed %}`: the permission policy, for showing only allowed actions."""
    from core.permissions import can as policy_can

    request = context.get("request")
    return bool(request and policy_can(request.user, action))


@register.filter
def words(value: str) -> str:
    """`work_note` -> `work note`."""
    return str(value).replace("_", " ")


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, ())


VERBS = {
    "approved": "Approve",
    "denied": "Deny",
    "scheduled": "Schedule",
    "implemented": "Mark implemented",
    "cancelled": "Cancel",
    "executed": "Mark executed",
    "failed": "Mark failed",
    "investigating": "Investigate",
    "resolved": "Resolve",
    "closed": "Close",
    "completed": "Complete",
    "archived": "Archive",
    "draft": "Back to draft",
    "in_progress": "Start",
}


@register.filter
def verb(status: str) -> str:
    """The button label that moves a record to `status`."""
    return VERBS.get(str(status), str(status).replace("_", " ").capitalize())


@register.filter
def markdown(text: str) -> str:
    """Markdown rendered and sanitised (core.markup): safe to show what people wrote."""
    from core.markup import markdown_html

    return markdown_html(text)


@register.filter
def when(value: Any) -> str:
    """`{{ incident.detection_time|when }}`: the exact time in the viewer's zone, the relative one on hover."""
    from core.humanize import time_tag

    return time_tag(value)


@register.filter
def ago(value: Any) -> str:
    """`{{ note.created_at|ago }}`: "12 min ago", the exact time on hover."""
    from core.humanize import time_tag

    return time_tag(value, relative_first=True)


@register.filter
def day(value: Any) -> str:
    """`{{ item.due_date|day }}`: a calendar day, the year only when it is not this year."""
    from core.humanize import day as calendar_day

    return calendar_day(value)


@register.filter
def duration(value: Any) -> str:
    """A timedelta, or a number of minutes, as "2 h 15 min"."""
    from core.humanize import duration as spoken

    return spoken(value)


@register.filter
def span(start: Any, end: Any) -> str:
    """`{{ start|span:end }}`: the time between two moments, as "2 h 15 min" ("—" while one is missing)."""
    from core.humanize import duration as spoken

    if start is None or end is None:
        return "—"
    return spoken(abs(end - start))


@register.simple_tag
def form_token() -> str:
    """`{% form_token %}` inside a POST form: the one-time token that makes a double submission harmless."""
    from core.once import form_token_input

    return form_token_input()
