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


class FilterSet(django_filters.FilterSet):
    """django-filter's filter set, its form built without a form class of its own: django-filter makes a new form
    class for every filter set (a class made from the filters' fields, which the form then copies again), a third of
    what a list page spends on its filters. The form here is an instance of `Meta.form` whose fields are its own
    (copied, as Django copies them) followed by the filters' fields, which this filter set made and no other
    shares: the fields, their order and what the form accepts are those of django-filter's form."""

    @property
    def form(self) -> forms.Form:
        if not hasattr(self, "_form"):
            form = self._meta.form(self.data if self.is_bound else None, prefix=self.form_prefix)
            for name, filter_ in self.filters.items():  # a field of the form a filter names: the filter's, in place
                form.fields[name] = filter_.field
            self._form = form
        return self._form
