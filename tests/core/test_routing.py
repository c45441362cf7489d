"""A path's kept match is the match Django's walk over the patterns gives, for every route of the project, the first
time and after; unknown paths are refused every time; what is kept is bounded; in debug nothing is kept."""

from typing import Any

import pytest
from django.urls import NoReverseMatch, Resolver404, URLResolver, get_resolver, reverse

from core import routing
from core.routing import KeptResolver
from tests.core.test_links import _every_route


def _kept() -> KeptResolver:
    found = [pattern for pattern in get_resolver().url_patterns if isinstance(pattern, KeptResolver)]
    assert len(found) == 1
    return found[0]


def _walked(path: str) -> Any:
    """The match as Django's own resolver walks the same patterns."""
    kept = _kept()
    return URLResolver.resolve(kept, path)


def _same(match: Any) -> tuple[Any, ...]:
    return (match.func, match.args, match.kwargs, match.url_name, match.app_names, match.namespaces, match.route,
            match.captured_kwargs, match.extra_kwargs, match.view_name)  # fmt: skip


@pytest.fixture
def fresh(monkeypatch: Any) -> KeptResolver:
    kept = _kept()
    monkeypatch.setattr(kept, "_kept", {})
    return kept


def test_every_route_resolves_as_django_resolves_it(fresh: KeptResolver) -> None:
    checked = 0
    for name, arguments in _every_route():
        try:
            address = reverse(name, args=[7] * arguments)
        except NoReverseMatch:  # a route whose arguments are not record ids
            continue
        for _ in range(2):  # walked and kept, then from what was kept
            walked = _same(_walked(address.lstrip("/")))
            assert _same(fresh.resolve(address.lstrip("/"))) == walked, name
            assert _same(get_resolver().resolve(address)) == walked, name  # as a request's path resolves
        checked += 1
    assert checked > 100
    assert len(fresh._kept) >= checked - 5  # routes sharing a path count once


def test_an_unknown_path_is_refused_every_time(fresh: KeptResolver) -> None:
    for _ in range(2):
        with pytest.raises(Resolver404):
            fresh.resolve("no/such/page/")
    assert fresh._kept == {}


def test_what_is_kept_is_bounded(fresh: KeptResolver, monkeypatch: Any) -> None:
    monkeypatch.setattr(routing, "KEPT_PATHS", 10)
    for number in range(1, 30):
        fresh.resolve(f"incidents/{number}/")
    assert list(fresh._kept) == [f"incidents/{number}/" for number in range(20, 30)]  # the newest ten


def test_in_debug_the_patterns_are_walked_every_time(fresh: KeptResolver, settings: Any) -> None:
    settings.DEBUG = True
    match = fresh.resolve("incidents/")
    assert match.tried  # what was tried on the way, for the debug 404 page
    assert fresh._kept == {}
