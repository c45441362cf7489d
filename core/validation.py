"""Field-level checks shared by services and the importer: required values and each model field's own
validation (types, lengths, enum choices, validators), reported together as one InvalidInput."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from core.errors import InvalidInput

REQUIRED = "This field is required."


def clean_fields(
    model: type[models.Model],
    data: Mapping[str, Any],
    *,
    allowed: Iterable[str],
    required: Iterable[str] = (),
    skip: Iterable[str] = (),
) -> dict[str, Any]:
    """Return `data` with each value converted by its model field; raise InvalidInput naming every bad field.

    Relations are not looked up here (the caller resolves them and names its own rule); `skip` lists them.
    """
    errors: dict[str, list[str]] = {name: ["Unknown field."] for name in sorted(set(data) - set(allowed))}
    cleaned: dict[str, Any] = {}
    skipped = set(skip)
    for name in required:
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors[name] = [REQUIRED]
    for name, value in data.items():
        if name in errors:
            continue
        if name in skipped:
            cleaned[name] = value
            continue
        field = model._meta.get_field(name)
        if value is None:
            if not getattr(field, "null", False):
                errors[name] = [REQUIRED]
            else:
                cleaned[name] = None
            continue
        if isinstance(value, str):
            value = value.strip()
        try:
            cleaned[name] = field.clean(value, None)  # type: ignore[union-attr]
        except ValidationError as exc:
            errors[name] = list(exc.messages)
    if errors:
        raise InvalidInput(fields=errors)
    return cleaned
