"""What the pages' templates call (core.jinja): addresses reversed once per route, sortable column headers,
status badges, the layout's navigation, the permission policy, and the filters that write times and durations."""

from typing import Any

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString
from jinja2 import pass_context

from core.jinja import helpers
from core.links import address
from core.markup import escaped

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


@pass_context
def sort_header(context: Any, key: str, label: str) -> str:
    """A column header that sorts by `key`, toggling the direction when it is already the sort."""
    current = context.get("sort", "")
    descending = current == key
    target = f"-{key}" if descending else key
    arrow = " ▲" if current == key else (" ▼" if current == f"-{key}" else "")
    base = context.get("query_without_sort", "")
    href = f"?{base}&sort={target}" if base else f"?sort={target}"
    return format_html('<a class="sort" href="{}">{}{}</a>', href, label, arrow)


def navigation_links(items: list[dict[str, Any]]) -> SafeString:
    """The main navigation's links (the layout's on every page), written as its loop in the template wrote them."""
    current = ' aria-current="page"'
    return SafeString(
        "".join(
            f'<a href="{escaped(item["url"])}"{current if item["current"] else ""}>{escaped(item["label"])}</a>'
            for item in items
        )
    )


def badge(value: str, label: str | None = None) -> str:
    tone = BADGE_TONES.get(str(value), "neutral")
    text = label or str(value).replace("_", " ")
    # Written directly rather than through format_html: a list page writes two per row.
    return SafeString(f'<span class="badge badge-{tone}" data-value="{escaped(value)}">{escaped(text)}</span>')


@pass_context
def can(context: Any, action: str) -> bool:
    """`{% set allowed = can("users.manage") %}`: the permission policy, for showing only allowed actions."""
    from core.permissions import can as policy_can

    request = context.get("request")
    return bool(request and policy_can(request.user, action))


def words(value: str) -> str:
    """`work_note` -> `work note`."""
    return str(value).replace("_", " ")


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


def verb(status: str) -> str:
    """The button label that moves a record to `status`."""
    return VERBS.get(str(status), str(status).replace("_", " ").capitalize())


def markdown(text: str) -> str:
    """Markdown rendered and sanitised (core.markup): safe to show what people wrote."""
    from core.markup import markdown_html

    return markdown_html(text)


def when(value: Any) -> str:
    """`{{ incident.detection_time|when }}`: the exact time in the viewer's zone, the relative one on hover."""
    from core.humanize import time_tag

    return time_tag(value)


def ago(value: Any) -> str:
    """`{{ note.created_at|ago }}`: "12 min ago", the exact time on hover."""
    from core.humanize import time_tag

    return time_tag(value, relative_first=True)


def day(value: Any) -> str:
    """`{{ item.due_date|day }}`: a calendar day, the year only when it is not this year."""
    from core.humanize import day as calendar_day

    return calendar_day(value)


def duration(value: Any) -> str:
    """A timedelta, or a number of minutes, as "2 h 15 min"."""
    from core.humanize import duration as spoken

    return spoken(value)


def span(start: Any, end: Any) -> str:
    """`{{ start|span(end) }}`: the time between two moments, as "2 h 15 min" ("—" while one is missing)."""
    from core.humanize import duration as spoken

    if start is None or end is None:
        return "—"
    return spoken(abs(end - start))


def form_token() -> str:
    """`{{ form_token() }}` inside a POST form: the one-time token that makes a double submission harmless."""
    from core.once import form_token_input

    return form_token_input()


@pass_context
def url(context: Any, name: str, *args: Any, **kwargs: Any) -> str:
    """`{{ url("incidents:detail", incident.pk) }}`: as Django's `{% url %}` (in the page's namespace), reversed once
    per route."""
    request = context.get("request")
    current_app = getattr(request, "current_app", None)
    if current_app is None:
        current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
    return address(name, args, kwargs, current_app)


def widthratio(value: Any, max_value: Any, max_width: int) -> str:
    """`{{ widthratio(done, total, 100) }}`: `value / max_value * max_width`, rounded, as Django's tag writes it."""
    try:
        return str(round(float(value) / float(max_value) * int(max_width)))
    except ZeroDivisionError:
        return "0"
    except (ValueError, TypeError, OverflowError):
        return ""


filters = helpers(words, get_item, verb, markdown, when, ago, day, duration, span)
functions = helpers(url, static, badge, navigation_links, form_token, widthratio, sort_header, can)
"""What the pages' templates (core.jinja) may use of this library."""
