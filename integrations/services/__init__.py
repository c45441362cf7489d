"""Every write of integrations: sources and their keys, and the intake of their alerts."""

from integrations.services.intake import IntakeResult, alerts_receive
from integrations.services.integrations import (
    integration_by_key,
    integration_create,
    integration_rotate_key,
    integration_update,
    receiving_url,
)

__all__ = [
    "IntakeResult",
    "alerts_receive",
    "integration_by_key",
    "integration_create",
    "integration_rotate_key",
    "integration_update",
    "receiving_url",
]
