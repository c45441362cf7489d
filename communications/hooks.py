"""What communications announce to the apps above them (integrations: webhooks)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.actor import Actor
from core.hooks import Hook

if TYPE_CHECKING:
    from communications.models import StatusUpdate


@dataclass(frozen=True)
class StatusPosted:
    actor: Actor
    update: StatusUpdate


status_posted = Hook[StatusPosted]("status_posted", "an update was published on the public status page")
