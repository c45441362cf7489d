"""Filters shared by the action item API list and the action item pages."""

import django_filters
from django.db.models import QuerySet

from core.filters import FilterSet, FlagFilter
from response.choices import ActionStatus
from response.models import ActionItem, overdue_q


class ActionItemFilterSet(FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=ActionStatus.choices, distinct=False)
    overdue = FlagFilter(method="only_overdue", label="Overdue only")

    class Meta:
        model = ActionItem
        fields = ["status", "overdue"]

    def only_overdue(self, queryset: QuerySet[ActionItem], name: str, value: bool) -> QuerySet[ActionItem]:
        if not value:
            return queryset
        return queryset.filter(overdue_q())
