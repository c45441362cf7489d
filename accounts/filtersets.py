"""Filters shared by the API lists, the HTML lists and exports."""

from typing import Any

import django_filters
from django.db.models import Q, QuerySet

from accounts.choices import ClientStatus, CompanyType, Role, SupportCoverage, UserStatus
from accounts.models import Client, User
from accounts.selectors import request_clients, user_search_filter
from core.filters import FilterSet, RecordFilter


class UserFilterSet(FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    role = django_filters.ChoiceFilter(choices=Role.choices)
    status = django_filters.ChoiceFilter(choices=UserStatus.choices)
    client = RecordFilter(queryset=request_clients)

    class Meta:
        model = User
        fields = ["q", "role", "status", "client"]

    def search(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return queryset.filter(user_search_filter(value)) if value else queryset


class ClientFilterSet(FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    status = django_filters.ChoiceFilter(choices=ClientStatus.choices)
    support_coverage = django_filters.ChoiceFilter(choices=SupportCoverage.choices)
    company_type = django_filters.ChoiceFilter(choices=CompanyType.choices)

    class Meta:
        model = Client
        fields = ["q", "status", "support_coverage", "company_type"]

    def search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        if not value:
            return queryset
        return queryset.filter(Q(client_name__icontains=value) | Q(registration_number__icontains=value))
