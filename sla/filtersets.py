import django_filters

from accounts.selectors import request_clients
from core.filters import FilterSet, RecordFilter
from sla.choices import AgreementStatus, SLATier, SupportCoverage
from sla.models import SLAAgreement


class SLAAgreementFilterSet(FilterSet):
    client = RecordFilter(queryset=request_clients)
    tier = django_filters.ChoiceFilter(choices=SLATier.choices)
    support_coverage = django_filters.ChoiceFilter(choices=SupportCoverage.choices)
    status = django_filters.ChoiceFilter(choices=AgreementStatus.choices)
    effective_after = django_filters.DateFilter(field_name="effective_date", lookup_expr="gte")
    effective_before = django_filters.DateFilter(field_name="effective_date", lookup_expr="lte")

    class Meta:
        model = SLAAgreement
        fields = ["client", "tier", "support_coverage", "status", "effective_after", "effective_before"]
