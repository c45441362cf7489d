"""What every on-call body shares: unknown fields refused by name, and a name of up to 120 characters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

NAME_LENGTH = 120


def body_begin(
    data: Mapping[str, Any], known: Iterable[str], *, partial: bool
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """(cleaned, errors) so far: each unknown field named, and the `name` checked (when given, on an update)."""
    allowed = set(known)
    errors: dict[str, list[str]] = {name: ["Unknown field."] for name in data if name not in allowed}
    cleaned: dict[str, Any] = {}
    if not partial or "name" in data:
        raw = data.get("name")
        cleaned["name"] = raw.strip() if isinstance(raw, str) else ""
        if not cleaned["name"] or len(cleaned["name"]) > NAME_LENGTH:
            errors["name"] = [f"A name, up to {NAME_LENGTH} characters."]
    return cleaned, errors
