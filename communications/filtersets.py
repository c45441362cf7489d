"""Filters of the communication list."""

import django_filters

from communications.choices import CommunicationType, DeliveryStatus
from communications.models import Communication
from core.filters import FilterSet, IdFilter


class CommunicationFilterSet(FilterSet):
    incident = IdFilter(field_name="incident_id")
    problem = IdFilter(field_name="problem_id")
    communication_type = django_filters.ChoiceFilter(choices=CommunicationType.choices)
    delivery_status = django_filters.ChoiceFilter(choices=DeliveryStatus.choices)

    class Meta:
        model = Communication
        fields = ["incident", "problem", "communication_type", "delivery_status"]
