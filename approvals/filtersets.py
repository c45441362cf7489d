"""Filters of the approval list (API) and the approvals inbox."""

import django_filters
from django.db.models import QuerySet

from approvals.choices import ApprovalStatus, ReferenceType, RequestedAction
from approvals.models import ApprovalRequest
from core.filters import FilterSet, FlagFilter, IdFilter


class ApprovalFilterSet(FilterSet):
    status = django_filters.ChoiceFilter(choices=ApprovalStatus.choices)
    reference_type = django_filters.ChoiceFilter(choices=ReferenceType.choices)
    requested_action = django_filters.ChoiceFilter(choices=RequestedAction.choices)
    reference_id = IdFilter()
    approver = IdFilter(field_name="approver_id")
    mine = FlagFilter(method="for_me", label="Only my requests to decide")

    class Meta:
        model = ApprovalRequest
        fields = ["status", "reference_type", "requested_action", "reference_id", "approver", "mine"]

    def for_me(self, queryset: QuerySet[ApprovalRequest], name: str, value: bool) -> QuerySet[ApprovalRequest]:
        return queryset.filter(approver_id=self.request.user.pk) if value else queryset
