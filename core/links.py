"""A record's address, reversed once per route: a list page links each of its rows to the row's record, and
Django's `reverse` walks the resolver for every one of them."""

from __future__ import annotations

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse

STAND_IN = 7_301_991_023
"""An id no record has, reversed in the id's place and replaced by each record's id."""


@lru_cache(maxsize=512)
def _around(name: str, prefix: str, urlconf: str | None) -> tuple[str, str] | None:
    address = reverse(name, args=[STAND_IN], urlconf=urlconf)
    if address.count(str(STAND_IN)) != 1:
        return None
    head, _, tail = address.partition(str(STAND_IN))
    return head, tail


def record_url(name: str, pk: int) -> str:
    """`reverse(name, args=[pk])` for a route taking a record's id (under the script prefix of the moment)."""
    around = _around(name, get_script_prefix(), get_urlconf())
    if around is None:
        return reverse(name, args=[pk])
    return f"{around[0]}{int(pk)}{around[1]}"
