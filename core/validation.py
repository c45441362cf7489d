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


NAME_LENGTH = 120


def body_begin(
    data: Mapping[str, Any], known: Iterable[str], *, partial: bool
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """(cleaned, errors) so far for a JSON body with a `name`: each unknown field named, and the name checked
    (when given, on an update)."""
    allowed = set(known)
    errors: dict[str, list[str]] = {name: ["Unknown field."] for name in data if name not in allowed}
    cleaned: dict[str, Any] = {}
    if not partial or "name" in data:
        raw = data.get("name")
        cleaned["name"] = raw.strip() if isinstance(raw, str) else ""
        if not cleaned["name"] or len(cleaned["name"]) > NAME_LENGTH:
            errors["name"] = [f"A name, up to {NAME_LENGTH} characters."]
    return cleaned, errors


def name_free(queryset: models.QuerySet[Any], name: str, *, other_than: models.Model | None, code: str) -> None:
    """Refuse a name another record of `queryset` already has (409 `code`)."""
    from core.errors import Duplicate

    taken = queryset.filter(name=name)
    if other_than is not None:
        taken = taken.exclude(pk=other_than.pk)
    if taken.exists():
        label = queryset.model._meta.verbose_name
        raise Duplicate(f"Another {label} is already named {name}.", code=code, fields={"name": "Taken."})
