"""The CMDB: configuration items and which clients depend on each (the incident-to-client chain of the SLA)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from cmdb.choices import CIType, Environment, OperationalStatus
from core.links import record_url
from core.models import QuickLoading, TimeStampedModel


class ConfigurationItem(TimeStampedModel):
    """A server, application, database, network, storage or service that incidents and problems affect."""

    audit_type = "configuration_item"

    ci_name = models.CharField(max_length=120)
    ci_type = models.CharField(max_length=20, choices=CIType.choices)
    environment = models.CharField(max_length=20, choices=Environment.choices)
    operational_status = models.CharField(
        max_length=20, choices=OperationalStatus.choices, default=OperationalStatus.OPERATIONAL
    )
    responsible_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_configuration_items"
    )
    clients = models.ManyToManyField(  # type: ignore[var-annotated]
        "accounts.Client", through="CIClientAssignment", related_name="configuration_items", blank=True
    )

    class Meta:
        ordering = ["ci_name", "id"]
        indexes = [models.Index(fields=["ci_type", "environment"], name="ci_type_env")]

    def get_absolute_url(self) -> str:
        return record_url("cmdb:ci-detail", self.pk)

    def __str__(self) -> str:
        return self.ci_name


class CIClientAssignment(QuickLoading):
    """A client depends on a configuration item; each pair at most once."""

    audit_type = "ci_client_assignment"

    ci = models.ForeignKey(ConfigurationItem, on_delete=models.CASCADE, related_name="assignments")
    client = models.ForeignKey("accounts.Client", on_delete=models.PROTECT, related_name="ci_assignments")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ci", "client"], name="ci_client_unique")]

    def __str__(self) -> str:
        return f"{self.ci_id} -> {self.client_id}"
