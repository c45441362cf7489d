"""What bridges announce to the apps above them. Registered in communications' `ready()` (bridge invitations)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.actor import Actor
from core.hooks import Hook

if TYPE_CHECKING:
    from bridges.models import Bridge, BridgeParticipant


@dataclass(frozen=True)
class ParticipantsAdded:
    actor: Actor
    bridge: Bridge
    participants: tuple[BridgeParticipant, ...]


participants_added = Hook[ParticipantsAdded]("bridge_participants_added", "people were added to an active bridge")
