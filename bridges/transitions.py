"""The bridge lifecycle as data: an active bridge closes once (SOP 5), and the incident statuses it follows."""

from bridges.choices import BridgeStatus
from incidents.choices import IncidentStatus

BRIDGE_TRANSITIONS: dict[str, frozenset[str]] = {
    BridgeStatus.ACTIVE: frozenset({BridgeStatus.CLOSED}),
    BridgeStatus.CLOSED: frozenset(),
}

BRIDGEABLE = frozenset({IncidentStatus.OPEN, IncidentStatus.IN_PROGRESS})
"""SOP 4.1: bridges open on open or in-progress incidents."""

CLOSABLE_WITH = frozenset({IncidentStatus.RESOLVED, IncidentStatus.MONITORING})
"""SOP 5: a bridge closes once its incident is resolved or monitoring."""
