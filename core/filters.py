"""Filter types shared by every filterset: record ids are whole numbers (0.5 or "abc" answers 400)."""

import django_filters
from django import forms


class IdFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


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
