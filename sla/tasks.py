"""Celery entry points of the SLA engine."""

from celery import shared_task

from sla.services.scan import sla_scan


@shared_task(name="sla.tasks.scan_sla")
def scan_sla() -> str:
    """Every minute (beat): record and announce the SLA breaches and warnings that became due."""
    fired = sla_scan()
    return ", ".join(f"{name}={count}" for name, count in fired.items())
