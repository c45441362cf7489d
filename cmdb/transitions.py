"""A configuration item's operational status as data: it follows the item's real state in any order."""

from cmdb.choices import OperationalStatus
from core.lifecycle import free_moves

OPERATIONAL_TRANSITIONS = free_moves(OperationalStatus.values)
