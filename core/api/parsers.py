"""JSON bodies with a nesting limit: a deeply nested body answers 400 `too_deep` instead of exhausting the
parser's recursion (checked before and after parsing, without recursion of our own)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from rest_framework.parsers import JSONParser

from core.errors import InvalidInput


def _too_deep(message: str) -> InvalidInput:
    return InvalidInput(message, code="too_deep")


def depth_check(value: Any, limit: int) -> None:
    """Raise `too_deep` when `value` nests objects or arrays deeper than `limit`."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                raise _too_deep(f"The body nests deeper than {limit} levels.")
            children = item.values() if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)


class LimitedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        limit = settings.TRACER_JSON_MAX_DEPTH
        raw = stream.read() if stream is not None else b""
        try:
            data = json.loads(raw.decode(settings.DEFAULT_CHARSET)) if raw else {}
        except RecursionError:
            raise _too_deep(f"The body nests deeper than {limit} levels.") from None
        except (ValueError, UnicodeDecodeError) as error:
            raise InvalidInput(f"The body is not valid JSON: {error}", code="parse_error") from None
        depth_check(data, limit)
        return data
