"""Request bodies, shape-checked: every API write goes through `valid`, which refuses what it does not know."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from rest_framework import relations, serializers
from rest_framework.request import Request
from rest_framework.utils.serializer_helpers import BindingDict

from core.errors import InvalidInput
from core.form_copies import plain_copy


def unknown_fields(serializer: serializers.Serializer, data: Any, prefix: str = "") -> list[str]:
    """Names in `data` that the serializer (or a nested one) does not declare, dotted for nested ones."""
    if not isinstance(data, Mapping):
        return []
    fields = serializer.fields
    unknown = [f"{prefix}{name}" for name in data if name not in fields or fields[name].read_only]
    for name, field in fields.items():
        if isinstance(field, serializers.Serializer) and name in data:
            unknown += unknown_fields(field, data[name], prefix=f"{prefix}{name}.")
    return unknown


JSON_TYPES: tuple[tuple[type[serializers.Field], tuple[type, ...], str], ...] = (
    (serializers.MultipleChoiceField, (list,), "a list"),
    (serializers.BooleanField, (bool,), "true or false"),
    (serializers.IntegerField, (int,), "a whole number"),
    (serializers.FloatField, (int, float), "a number"),
    (serializers.ChoiceField, (str,), "a string"),
    (serializers.CharField, (str,), "a string"),
    (serializers.DateTimeField, (str,), "an ISO 8601 string"),
    (serializers.DateField, (str,), "a YYYY-MM-DD string"),
    (serializers.ListField, (list,), "a list"),
    (serializers.DictField, (dict,), "an object"),
)


def type_errors(serializer: serializers.Serializer, data: Any, prefix: str = "") -> dict[str, str]:
    """JSON values of the wrong type (a number where a string is declared, 0 for false...): refused rather than
    coerced, so that the body means exactly what the schema says."""
    if not isinstance(data, Mapping):
        return {}
    errors: dict[str, str] = {}
    for name, field in serializer.fields.items():
        if name not in data or (data[name] is None and field.allow_null):
            continue
        value = data[name]
        if isinstance(field, serializers.Serializer):
            errors |= type_errors(field, value, prefix=f"{prefix}{name}.")
            continue
        for kind, accepted, label in JSON_TYPES:
            if isinstance(field, kind):
                wrong = not isinstance(value, accepted) or (isinstance(value, bool) and bool not in accepted)
                if wrong:
                    errors[f"{prefix}{name}"] = f"Must be {label}."
                break
    return errors


COMPOSITE = (serializers.BaseSerializer, serializers.ListField, serializers.DictField, relations.ManyRelatedField)
"""Fields that hold other fields: copied whole for each request, as DRF copies every field."""

_declared: dict[type[serializers.Serializer], dict[str, serializers.Field]] = {}


def with_fields(serializer: serializers.Serializer, data: Any = None) -> serializers.Serializer:
    """Give the serializer its fields as DRF would, but copy each plain field shallowly from a copy kept per
    class: DRF rebuilds every declared field from its arguments on each request, most of a write's validation.
    A field holding other fields is copied whole only when the body `data` gives it a value: absent, it is
    skipped before its inner fields are reached, so a shallow copy (bound to this serializer alone) serves."""
    kind = type(serializer)
    if kind.get_fields is not serializers.Serializer.get_fields:  # fields made another way: DRF's own
        return serializer
    if kind not in _declared:
        _declared[kind] = copy.deepcopy(kind._declared_fields)
    given = data if isinstance(data, Mapping) else None
    fields = BindingDict(serializer)
    for name, field in _declared[kind].items():
        whole = isinstance(field, COMPOSITE) and (given is None or name in given)
        fields[name] = copy.deepcopy(field) if whole else plain_copy(field)
    serializer.__dict__["fields"] = fields
    return serializer


def valid(serializer_class: type[serializers.Serializer], request: Request, *, partial: bool = False) -> dict[str, Any]:
    """Shape-check the request body: an unknown field is refused (400 `unknown_field`, naming each), then DRF's
    ValidationError becomes the 400 `invalid` answer."""
    serializer = with_fields(serializer_class(data=request.data, partial=partial), request.data)
    unknown = unknown_fields(serializer, request.data)
    if unknown:
        raise InvalidInput(
            f"Unknown field{'s' if len(unknown) > 1 else ''}: {', '.join(sorted(unknown))}.",
            code="unknown_field",
            fields=dict.fromkeys(unknown, "Unknown field."),
        )
    if request.content_type.startswith("application/json") and (wrong := type_errors(serializer, request.data)):
        raise InvalidInput("Some fields have the wrong type.", fields=wrong)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class StatusInputSerializer(serializers.Serializer):
    status = serializers.CharField()
