"""The HTML of a field of a form not yet filled in, kept per everything it is written from.

A list page's filter boxes and the incident page's forms are shown empty on almost every view, and an empty
field's HTML is the same each time: building each widget's context (its attributes, its options) and writing it
cost about a millisecond per page. It is kept, per process and within a bound, under a key made of everything
Django writes it from: the form's ids and flags, the field's name, label, help and flags, the widget's
class and state, its options, the value shown, the language and the time zone. A field whose widget is not one
of Django's own, whose value or options are not plain values, or of a form that was filled in, is written each
time, as Django writes it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.forms import BoundField
from django.forms.models import ModelChoiceIteratorValue
from django.utils import timezone, translation

KEPT_FIELDS = 2048
"""At most this many fields' HTML is kept per process (past it, what was kept is forgotten and kept again)."""

PLAIN = (str, int, float, bool, Decimal, dt.date, dt.time, type(None))
"""Values whose text is their whole meaning (a date and a time included): what a kept field may show."""

_kept: dict[tuple[Any, ...], str] = {}


def _plain(value: Any) -> Any:
    """`value` as part of a key (type and value), or raise ValueError where it is not plain."""
    if isinstance(value, list | tuple):
        return tuple(_plain(item) for item in value)
    if isinstance(value, PLAIN):
        return (type(value), str(value))
    if isinstance(value, ModelChoiceIteratorValue):
        return (ModelChoiceIteratorValue, _plain(value.value))  # type: ignore[attr-defined]  # (not in the stubs)
    raise ValueError(type(value).__name__)


def _options(choices: Any) -> Any:
    """The options (groups included) as plain values."""
    written: list[tuple[Any, ...]] = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            written.append((_plain(value), _options(label)))
        else:
            written.append((_plain(value), type(label), str(label)))  # a safe label is written unescaped
    return tuple(written)


def _key(bound: BoundField) -> tuple[Any, ...] | None:
    form, field, widget = bound.form, bound.field, bound.field.widget
    if form.is_bound or field.show_hidden_initial or type(widget).__module__ != "django.forms.widgets":
        return None
    state = {name: value for name, value in vars(widget).items() if name not in ("choices", "_choices")}
    try:
        options = _options(widget.choices) if hasattr(widget, "choices") else None
        value = _plain(bound.value())
    except ValueError:
        return None
    return (  # (not the form's class: a filter set makes a new one for each form)
        bound.auto_id, form.use_required_attribute, form.empty_permitted, type(form.renderer),
        bound.html_name, type(field), str(bound.label), str(bound.help_text), field.required, field.disabled,
        field.localize, type(widget), repr(sorted(state.items())), options, value,
        translation.get_language(), timezone.get_current_timezone_name(),
    )  # fmt: skip


class KeptBoundField(BoundField):
    """A form's field, its widget's HTML kept while the form is empty (see the module)."""

    def as_widget(self, widget: Any = None, attrs: Any = None, only_initial: bool = False) -> Any:
        key = None if widget is not None or attrs or only_initial else _key(self)
        if key is None:
            return super().as_widget(widget, attrs, only_initial)
        html = _kept.get(key)
        if html is None:
            html = super().as_widget()
            if len(_kept) >= KEPT_FIELDS:
                _kept.clear()
            _kept[key] = html
        return html
