"""Content negotiation whose answer is kept per Accept header: DRF's negotiation parses the header and ranks every
renderer against it on each request (about 0.25 ms, a tenth of a list page's Python), for the handful of headers
clients actually send. The answer is DRF's own, computed once per header, format and set of renderers; what is
kept is bounded (headers come from clients), and past the bound each request negotiates as DRF does."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer

KEPT_HEADERS = 64
"""At most this many distinct (header, format, renderers) answers are kept per process."""

LONGEST_KEPT = 256
"""A header longer than this is negotiated every time (and never kept)."""

_kept: dict[tuple[str, str, tuple[type, ...]], tuple[int, str]] = {}


class KeptNegotiation(DefaultContentNegotiation):
    """DRF's negotiation; its choice (which of the view's renderers, and the media type accepted) is kept."""

    def select_renderer(
        self, request: Any, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderers = list(renderers)
        header = request.META.get("HTTP_ACCEPT", "*/*")
        format_ = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE) or ""
        key = (header, format_, tuple(type(renderer) for renderer in renderers))
        kept = _kept.get(key)
        if kept is not None:
            return renderers[kept[0]], kept[1]
        renderer, media_type = super().select_renderer(request, renderers, format_suffix)
        if len(header) <= LONGEST_KEPT and len(_kept) < KEPT_HEADERS:
            _kept[key] = (renderers.index(renderer), media_type)
        return renderer, media_type
