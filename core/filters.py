"""Filter types shared by every filterset: record ids are whole numbers (0.5 or "abc" answers 400)."""

import django_filters
from django import forms
from django_filters.fields import ModelChoiceField as FilterChoiceField
from django_filters.fields import ModelChoiceIterator as FilterChoices

from core.forms import OneReadChoices

PICKERS = {
    "assigned_to_id": "users", "reported_by_id": "users", "bridge_host_id": "users", "user_id": "users",
    "escalated_to_id": "users", "approver_id": "users", "facilitator_id": "users",
    "problem_id": "problems", "incident_id": "incidents", "change_id": "changes",
}  # fmt: skip
"""Which name search a record-id filter offers on the pages (the API keeps taking ids)."""


class IdFilter(django_filters.NumberFilter):
    """A filter by a record's id. On a page its box becomes a picker that searches by name (`data-picker` names
    the lookup); the API and links keep the id."""

    field_class = forms.IntegerField

    def __init__(self, *args: object, picker: str | None = None, **kwargs: object) -> None:
        kind = picker or PICKERS.get(str(kwargs.get("field_name", "")))
        if kind:
            kwargs.setdefault("widget", forms.NumberInput(attrs={"data-picker": kind}))
        super().__init__(*args, **kwargs)


class RecordFilterChoices(FilterChoices, OneReadChoices):
    """A record filter's choices (with django-filter's "none" choice where asked) read in one statement."""


class RecordFilterField(FilterChoiceField):
    iterator = RecordFilterChoices


class RecordFilter(django_filters.ModelChoiceFilter):
    """A filter by one record chosen from a list (clients, owners)."""

    field_class = RecordFilterField


class StrictBooleanField(forms.Field):
    """`true`/`false` (or 1/0); anything else is an error rather than silently no filter."""

    def to_python(self, value: object) -> bool | None:
        text = str(value).strip().lower() if value is not None else ""
        if text == "":
            return None
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise forms.ValidationError("Use true or false.", code="invalid")


class FlagFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField
