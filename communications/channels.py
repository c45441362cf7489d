"""Delivery channels of the outbox beside email: a higher app (integrations, for webhooks) registers how a row of
its channel is sent, and what follows its final failure. The outbox keeps one claim, retry and sweep for all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from communications.models import OutboxMessage

EMAIL = "email"


class DeliveryError(Exception):
    """A send that did not land: `transient` ones are retried with backoff, the others fail the row."""

    def __init__(self, reason: str, *, transient: bool = True) -> None:
        super().__init__(reason)
        self.transient = transient


@dataclass(frozen=True)
class Channel:
    name: str
    send: Callable[[OutboxMessage], None]
    """Send one row, or raise DeliveryError."""
    timeout: int
    """The longest one send may take, in seconds: the outbox lease must outlast it."""
    delivered: Callable[[OutboxMessage], None] | None = None
    failed: Callable[[OutboxMessage], None] | None = None
    """Called once a row has failed for good (its last attempt, or a permanent error)."""


_CHANNELS: dict[str, Channel] = {}


def channel_register(channel: Channel) -> None:
    _CHANNELS[channel.name] = channel


def channel_of(name: str) -> Channel:
    try:
        return _CHANNELS[name]
    except KeyError:
        raise LookupError(f"No app registers the outbox channel {name!r}.") from None


def channels() -> dict[str, Channel]:
    return dict(_CHANNELS)
