"""Startup checks of the delivery engine: the claim lease must outlast the slowest send it covers."""

from __future__ import annotations

from typing import Any

from django.core import checks


@checks.register(checks.Tags.compatibility)
def outbox_lease_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from communications.services.outbox import outbox_lease_problems

    return [checks.Error(problem, id="communications.E001") for problem in outbox_lease_problems()]
