"""User and client statuses as data: either may be switched on and off; who may do it is the grant matrix's."""

from accounts.choices import ClientStatus, UserStatus
from core.lifecycle import free_moves

USER_TRANSITIONS = free_moves(UserStatus.values)
CLIENT_TRANSITIONS = free_moves(ClientStatus.values)
