"""Request bodies, shape-checked: every API write goes through `valid`, which refuses what it does not know."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework import serializers
from rest_framework.request import Request

from core.errors import InvalidInput


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


def valid(serializer_class: type[serializers.Serializer], request: Request, *, partial: bool = False) -> dict[str, Any]:
    """Shape-check the request body: an unknown field is refused (400 `unknown_field`, naming each), then DRF's
    ValidationError becomes the 400 `invalid` answer."""
    serializer = serializer_class(data=request.data, partial=partial)
    unknown = unknown_fields(serializer, request.data)
    if unknown:
        raise InvalidInput(
            f"Unknown field{'s' if len(unknown) > 1 else ''}: {', '.join(sorted(unknown))}.",
            code="unknown_field",
            fields=dict.fromkeys(unknown, "Unknown field."),
        )
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class StatusInputSerializer(serializers.Serializer):
    status = serializers.CharField()
