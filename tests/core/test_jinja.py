"""The project's template language looks values up and writes them as Django's templates do: each case is
written in both languages and must come out the same."""

import datetime as dt
import decimal
import re
import zoneinfo
from typing import Any

import pytest
from django.template import Context, Engine
from django.template import engines as template_engines
from django.test import RequestFactory
from django.utils import timezone


class Record:
    """A record as templates meet it: fields, a method, a method with arguments, one that writes."""

    title = "Disk <full>"
    do_not_call_in_templates = False

    def summary(self) -> str:
        return f"{self.title} (summary)"

    def needs(self, argument: str) -> str:  # pragma: no cover - a template cannot call it
        return argument

    def delete(self) -> str:  # pragma: no cover - a template must not call it
        raise AssertionError("a template called a method that changes data")

    delete.alters_data = True

    def broken(self) -> str:
        raise TypeError("the method's own error")


class Manager:
    """Like a related manager: callable, and not called by templates."""

    do_not_call_in_templates = True
    name = "the manager"

    def __call__(self) -> str:  # pragma: no cover - not called
        raise AssertionError("called")


def both(jinja: str, django: str, values: dict[str, Any]) -> tuple[str, str]:
    ours = template_engines["pages"].from_string(jinja).render(values)
    djangos = Engine().from_string(django).render(Context(values))
    return ours, djangos


@pytest.mark.parametrize(
    ("jinja", "django"),
    [
        ("{{ record.title }}", "{{ record.title }}"),
        ("{{ record.summary }}", "{{ record.summary }}"),
        ("[{{ record.needs }}]", "[{{ record.needs }}]"),
        ("[{{ record.delete }}]", "[{{ record.delete }}]"),
        ("{{ manager.name }}", "{{ manager.name }}"),
        ("{{ counts.items }}|{{ counts.open }}", "{{ counts.items }}|{{ counts.open }}"),
        ("{% for key, value in plain.items %}{{ key }}={{ value }};{% endfor %}", "{% for key, value in plain.items %}{{ key }}={{ value }};{% endfor %}"),
        ("{{ rows.1 }}", "{{ rows.1 }}"),
        ("[{{ missing }}][{{ missing.deeper.still }}]", "[{{ missing }}][{{ missing.deeper.still }}]"),
        ("{% if missing > 1 %}more{% else %}not{% endif %}", "{% if missing > 1 %}more{% else %}not{% endif %}"),
        ("{% if missing is none %}none{% endif %}", "{% if missing is None %}none{% endif %}"),
        ("{% if record is not none %}some{% endif %}", "{% if record is not None %}some{% endif %}"),
        ("{{ missing|default('—') }} {{ empty|default('—') }}", "{{ missing|default:'—' }} {{ empty|default:'—' }}"),
        ("{{ missing|length }} {{ nothing|length }}", "{{ missing|length }} {{ nothing|length }}"),
        ("{{ nothing }} {{ flag }} {{ count }} {{ share }} {{ price }}", "{{ nothing }} {{ flag }} {{ count }} {{ share }} {{ price }}"),
        ("{{ moment }} · {{ day }}", "{{ moment }} · {{ day }}"),
        ("{{ moment|date('j M H:i T') }} · {{ moment|time('H:i') }}", "{{ moment|date:'j M H:i T' }} · {{ moment|time:'H:i' }}"),
        ("{{ text|linebreaksbr }} {{ names|join(', ') }}", "{{ text|linebreaksbr }} {{ names|join:', ' }}"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("zone", ["UTC", "Asia/Kolkata"])
def test_a_page_writes_what_djangos_templates_write(jinja: str, django: str, zone: str) -> None:
    values = {
        "record": Record(),
        "manager": Manager(),
        "counts": {"items": 3, "open": 2},
        "plain": {"a": 1, "b": "<2>"},
        "rows": ["first", "second"],
        "empty": "",
        "nothing": None,
        "flag": True,
        "count": 12345,
        "share": 0.5,
        "price": decimal.Decimal("3.10"),
        "moment": dt.datetime(2026, 12, 3, 22, 30, tzinfo=dt.UTC),
        "day": dt.date(2026, 12, 24),
        "text": "one\ntwo & <three>",
        "names": ["<a>", "b"],
    }
    with timezone.override(zoneinfo.ZoneInfo(zone)):
        ours, djangos = both(jinja, django, values)
    assert ours == djangos


def test_an_error_inside_a_method_is_the_methods() -> None:
    with pytest.raises(TypeError, match="the method's own error"):
        template_engines["pages"].from_string("{{ record.broken }}").render({"record": Record()})


def test_a_file_keeps_its_last_newline() -> None:
    assert template_engines["pages"].from_string("line\n").render({}) == "line\n"


def test_the_token_field_is_masked_once_per_page_and_anew_on_the_next() -> None:
    request = RequestFactory().get("/")
    source = "{{ csrf_input }}|{{ csrf_input }}"
    first = template_engines["pages"].from_string(source).render({}, request)
    second = template_engines["pages"].from_string(source).render({}, request)
    tokens = re.findall(r'value="([^"]+)"', first)
    assert len(tokens) == 2
    assert tokens[0] == tokens[1]
    assert re.findall(r'value="([^"]+)"', second)[0] != tokens[0]  # masked anew: the page's text never repeats
    assert 'name="csrfmiddlewaretoken"' in first
