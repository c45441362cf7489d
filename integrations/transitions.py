"""The alert lifecycle as data: firing until its source says resolved; a resolved alert may fire again."""

from integrations.choices import AlertStatus

ALERT_TRANSITIONS: dict[str, frozenset[str]] = {
    AlertStatus.FIRING: frozenset({AlertStatus.RESOLVED}),
    AlertStatus.RESOLVED: frozenset({AlertStatus.FIRING}),
}
