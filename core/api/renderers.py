"""JSON written by orjson: the same bytes as DRF's compact UTF-8 JSON for what the serializers produce, several
times faster on a list page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import orjson
from django.utils.functional import Promise
from rest_framework.renderers import JSONRenderer


def _other(value: Any) -> Any:
    if isinstance(value, Decimal | Promise):
        return str(value)
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "__iter__"):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


class FastJSONRenderer(JSONRenderer):
    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        if data is None:
            return b""
        return orjson.dumps(data, default=_other, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_UTC_Z)
