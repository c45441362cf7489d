"""Request rates per user and per address, counted in the shared cache (Redis in production, so every process
counts together). Rates are read when a request is checked, so settings changes apply without a restart."""

from __future__ import annotations

from typing import Any

from django.core.cache import BaseCache, caches
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle, SimpleRateThrottle, UserRateThrottle


class _CurrentRates(SimpleRateThrottle):
    """A rate of N per period, kept as one number per caller (the generic cell rate algorithm): the moment the
    caller's allowance is next full again. N requests may come at once, then one per period/N; a refused request
    learns exactly when the next one is allowed. (DRF's own throttles keep every request's time in a list that is
    read and written whole on each request: thousands of entries at the rates an integration runs.)"""

    rate: str | None
    num_requests: int
    duration: int

    def __init__(self) -> None:
        super().__init__()
        self.cache: BaseCache = caches["throttle"]  # shared Redis in production: every process counts together
        self.retry_in: float | None = None

    def get_rate(self) -> str | None:
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope or "")
        return str(rate) if rate else None

    def allow_request(self, request: Any, view: Any) -> bool:
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        now = self.timer()
        full_at = max(float(self.cache.get(key, 0.0)), now) + self.duration / self.num_requests
        if full_at - now > self.duration:
            self.retry_in = full_at - now - self.duration
            return False
        self.cache.set(key, full_at, self.duration)
        return True

    def wait(self) -> float | None:
        return self.retry_in


class PerUserThrottle(_CurrentRates, UserRateThrottle):
    """Signed-in callers, by user (`user` rate)."""


class PerAddressThrottle(_CurrentRates, AnonRateThrottle):
    """Anonymous callers, by address (`anon` rate)."""


class PerAddressScopedThrottle(_CurrentRates, ScopedRateThrottle):
    """Views naming a `throttle_scope` (sign-in: `auth`), by address whoever calls."""

    def allow_request(self, request: Any, view: Any) -> bool:
        self.scope = getattr(view, self.scope_attr, None)
        if not self.scope:
            return True
        self.rate = self.get_rate()
        count, seconds = self.parse_rate(self.rate)
        if count is None or seconds is None:
            return True
        self.num_requests, self.duration = count, seconds
        return super().allow_request(request, view)

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
