import django_filters
from django.db.models import QuerySet

from accounts.models import Client
from accounts.selectors import request_clients, request_people
from cmdb.choices import CIType, Environment, OperationalStatus
from cmdb.models import ConfigurationItem
from core.filters import FilterSet, RecordFilter


class ConfigurationItemFilterSet(FilterSet):
    q = django_filters.CharFilter(field_name="ci_name", lookup_expr="icontains", label="Search")
    ci_type = django_filters.ChoiceFilter(choices=CIType.choices)
    environment = django_filters.ChoiceFilter(choices=Environment.choices)
    operational_status = django_filters.ChoiceFilter(choices=OperationalStatus.choices)
    responsible_owner = RecordFilter(queryset=request_people)
    client = RecordFilter(queryset=request_clients, method="by_client", label="Client")

    class Meta:
        model = ConfigurationItem
        fields = ["q", "ci_type", "environment", "operational_status", "responsible_owner", "client"]

    def by_client(self, queryset: QuerySet[ConfigurationItem], name: str, value: Client) -> QuerySet[ConfigurationItem]:
        return queryset.filter(assignments__client=value) if value else queryset
