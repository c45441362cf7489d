"""The URLconf's resolution kept per path: Django walks the patterns in order for every request, building the list
of every pattern it tried on the way (shown only by the debug 404 page), and a page's route sits behind a
hundred others. A path resolves to the same view and arguments every time, so its match is kept (for a bounded
number of paths, the oldest forgotten first); in debug the patterns are walked every time, for that page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import ResolverMatch, URLPattern, URLResolver
from django.urls.resolvers import RoutePattern

KEPT_PATHS = 4096


class KeptResolver(URLResolver):
    """The `patterns`, as `include(patterns)` under no prefix would resolve them, each path's match kept."""

    def __init__(self, patterns: list[URLPattern | URLResolver]) -> None:
        super().__init__(RoutePattern("", is_endpoint=False), patterns)
        self._kept: dict[str, ResolverMatch] = {}

    def resolve(self, path: Any) -> ResolverMatch:
        path = str(path)
        if settings.DEBUG:
            return super().resolve(path)
        match = self._kept.get(path)
        if match is None:
            found: Any = super().resolve(path)  # (the stubs know neither its captured nor its extra arguments)
            match = ResolverMatch(
                found.func, found.args, found.kwargs, found.url_name, found.app_names, found.namespaces, found.route,
                None,  # what was tried before it: for the debug 404 page only
                captured_kwargs=found.captured_kwargs, extra_kwargs=found.extra_kwargs,
            )  # fmt: skip
            if len(self._kept) >= KEPT_PATHS:
                del self._kept[next(iter(self._kept))]
            self._kept[path] = match
        return match
