"""Request rates per user and per address, counted in the shared cache (Redis in production, so every process
counts together). Rates are read when a request is checked, so settings changes apply without a restart."""

from __future__ import annotations

from typing import Any

from django.core.cache import BaseCache, caches
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, SimpleRateThrottle, UserRateThrottle


class _CurrentRates(SimpleRateThrottle):
    def __init__(self) -> None:
        super().__init__()
        self.cache: BaseCache = caches["throttle"]  # shared Redis in production: every process counts together

    def get_rate(self) -> str | None:
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope or "")
        return str(rate) if rate else None


class PerUserThrottle(_CurrentRates, UserRateThrottle):
    """Signed-in callers, by user (`user` rate)."""


class PerAddressThrottle(_CurrentRates, AnonRateThrottle):
    """Anonymous callers, by address (`anon` rate)."""


class PerAddressScopedThrottle(_CurrentRates, ScopedRateThrottle):
    """Views naming a `throttle_scope` (sign-in: `auth`), by address whoever calls."""

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
