"""Form widgets (and labels) written in Python: the same HTML as Django's templates, at a fraction of the cost.

Django renders each input, select and option through its own small template (an include per option, another per
attribute list). On a list page with a dozen filter boxes, or the incident page with its forms, that was a third of
the time spent on the page. The common widgets (every kind of input, selects with their options, text areas) are
written here exactly as those templates write them (a test compares the two on every widget the project uses);
anything else (a custom widget template, an option template other than Django's) still goes through the templates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from html import escape  # what Django's escape calls on text
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData

from core.jinja import written
from core.kept_fields import KeptBoundField

WIDGETS = "django/forms/widgets/"
INPUT_KINDS = ("checkbox", "color", "date", "datetime", "email", "file", "hidden", "input", "number", "password",
               "search", "tel", "text", "time", "url")  # fmt: skip
"""Django's widget templates that are its input template, included as it is."""


def _shown(value: Any) -> str:
    """`{{ value }}` in a template: local time, localized, escaped unless already safe."""
    if type(value) is str:  # plain text (not safe, not lazy, not a number or a time): escaped, nothing else applies
        return escape(value)
    return str(conditional_escape(written(value)))


def _formatted(value: Any) -> str:
    """`{{ value|stringformat:'s' }}`: the text of the value, escaped unless it was safe."""
    if type(value) is str:
        return escape(value)
    if type(value) is int:  # (not a bool) digits, nothing to escape
        return str(value)
    text = "%s" % (value,)  # noqa: UP031  # exactly what the filter does
    return text if isinstance(value, SafeData) else str(conditional_escape(text))


def attributes(attrs: Mapping[str, Any]) -> str:
    """Django's attrs.html: ` name="value"` each, a bare name for True, nothing for False."""
    pairs = []
    for name, value in attrs.items():
        if value is False:
            continue
        pairs.append(f" {_shown(name)}" if value is True else f' {_shown(name)}="{_formatted(value)}"')
    return "".join(pairs)


def write_input(widget: Mapping[str, Any]) -> str:
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    return (
        f'<input type="{_shown(widget["type"])}" name="{_shown(widget["name"])}"{value}{attributes(widget["attrs"])}>'
    )


def write_textarea(widget: Mapping[str, Any]) -> str:
    value = _shown(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_shown(widget["name"])}"{attributes(widget["attrs"])}>\n{value}</textarea>'


def write_select(widget: Mapping[str, Any], renderer: FormRenderer) -> str:
    parts = [f'<select name="{_shown(widget["name"])}"{attributes(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_shown(group_name)}">')
        for option in options:
            parts.append("\n  ")
            parts.append(renderer.option(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def write_option(option: Mapping[str, Any]) -> str:
    value, label = _formatted(option["value"]), _shown(option["label"])
    return f'<option value="{value}"{attributes(option["attrs"])}>{label}</option>\n'


def write_label(context: Mapping[str, Any]) -> str:
    """Django's label.html: the label in its tag (a label or a legend) when the field has an id, else alone."""
    if not context["use_tag"]:
        return _shown(context["label"])
    tag = _shown(context["tag"])
    return f"<{tag}{attributes(context['attrs'] or {})}>{_shown(context['label'])}</{tag}>"


WRITERS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    **{f"{WIDGETS}{kind}.html": write_input for kind in INPUT_KINDS},
    f"{WIDGETS}textarea.html": write_textarea,
}


class FormRenderer(DjangoTemplates):
    """Django's template renderer, with the common widgets written directly (and an empty form's fields kept)."""

    bound_field_class = KeptBoundField

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name == f"{WIDGETS}select.html":
            return write_select(context["widget"], self)
        if template_name == "django/forms/label.html":
            return write_label(context)
        writer = WRITERS.get(template_name)
        if writer is None:
            return str(super().render(template_name, context, request))
        return writer(context["widget"])

    def option(self, option: Mapping[str, Any]) -> str:
        """One option as the select template includes it (its trailing line break kept)."""
        if option["template_name"] == f"{WIDGETS}select_option.html":
            return write_option(option)
        return str(self.get_template(option["template_name"]).render({"widget": option}))
