"""What changes announce to the apps above them (integrations: webhooks)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.actor import Actor
from core.hooks import Hook

if TYPE_CHECKING:
    from changes.models import ChangeRequest


@dataclass(frozen=True)
class ChangeDecided:
    """An approver's decision reached the change: `approved` true or false."""

    actor: Actor
    change: ChangeRequest
    approved: bool


change_decided = Hook[ChangeDecided]("change_decided", "a change request was approved or denied by its approver")
