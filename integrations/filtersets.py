import django_filters

from core.filters import FilterSet, IdFilter
from integrations.choices import AlertStatus
from integrations.models import Alert


class AlertFilterSet(FilterSet):
    status = django_filters.ChoiceFilter(choices=AlertStatus.choices)
    integration = IdFilter(field_name="integration_id")
    incident = IdFilter(field_name="incident_id")

    class Meta:
        model = Alert
        fields = ["status", "integration", "incident"]
