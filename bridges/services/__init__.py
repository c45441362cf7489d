"""Every write to bridges and their participants: SOPs 4.1, 4.2 and 5."""

from bridges.services.bridges import (
    MINOR_TYPES,
    BridgeCloseResult,
    bridge_active_for,
    bridge_add_participants,
    bridge_close,
    bridge_close_with_incident,
    bridge_closing_check,
    bridge_open,
    bridge_open_allowed,
    bridge_open_for_new_major_incident,
    bridge_open_for_raised_severity,
)

__all__ = [
    "MINOR_TYPES",
    "BridgeCloseResult",
    "bridge_active_for",
    "bridge_add_participants",
    "bridge_close",
    "bridge_close_with_incident",
    "bridge_closing_check",
    "bridge_open",
    "bridge_open_allowed",
    "bridge_open_for_new_major_incident",
    "bridge_open_for_raised_severity",
]
