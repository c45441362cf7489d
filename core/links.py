"""Addresses reversed once per route: a list page links each of its rows to the row's record, the incident page
has a score of forms each posting to its own route, and Django's `reverse` walks the resolver (and matches the
address it built against the route's pattern) for every one of them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse

STAND_IN = 7_301_991_023
"""An id no record has, reversed in the id's place and replaced by each record's id."""


@lru_cache(maxsize=4096)  # routes by namespace of the page asking
def _around(name: str, prefix: str, urlconf: str | None, current_app: str | None = None) -> tuple[str, str] | None:
    address = reverse(name, args=[STAND_IN], urlconf=urlconf, current_app=current_app)
    if address.count(str(STAND_IN)) != 1:
        return None
    head, _, tail = address.partition(str(STAND_IN))
    return head, tail


@lru_cache(maxsize=4096)
def _plain(name: str, prefix: str, urlconf: str | None, current_app: str | None) -> str:
    return reverse(name, urlconf=urlconf, current_app=current_app)


def record_url(name: str, pk: int, current_app: str | None = None) -> str:
    """`reverse(name, args=[pk])` for a route taking a record's id (under the script prefix of the moment)."""
    around = _around(name, get_script_prefix(), get_urlconf(), current_app)
    if around is None:
        return reverse(name, args=[pk], current_app=current_app)
    return f"{around[0]}{int(pk)}{around[1]}"


def address(
    name: str, args: Sequence[Any] = (), kwargs: Mapping[str, Any] | None = None, current_app: str | None = None
) -> str:
    """`reverse(name, args=args, kwargs=kwargs, current_app=current_app)`, worked out once per route for the two
    shapes nearly every link has: no argument, or one record id (a whole number). Anything else is reversed."""
    if not kwargs:
        if not args:
            return _plain(name, get_script_prefix(), get_urlconf(), current_app)
        if len(args) == 1 and type(args[0]) is int:
            return record_url(name, args[0], current_app)
    return reverse(name, args=args, kwargs=dict(kwargs or {}), current_app=current_app)


@receiver(setting_changed)
def _forget(*, setting: str, **_: Any) -> None:
    """Another URLconf (as tests set one) answers other addresses."""
    if setting == "ROOT_URLCONF":
        _around.cache_clear()
        _plain.cache_clear()
