import django_filters
from django.db.models import QuerySet

from core.filters import FilterSet, FlagFilter, IdFilter
from oncall.choices import PageSource, PageStatus
from oncall.models import Page


class PageFilterSet(FilterSet):
    status = django_filters.ChoiceFilter(choices=PageStatus.choices)
    source = django_filters.ChoiceFilter(choices=PageSource.choices)
    policy = IdFilter(field_name="policy_id")
    incident = IdFilter(field_name="incident_id")
    mine = FlagFilter(method="only_mine", label="Only pages sent to me")

    class Meta:
        model = Page
        fields = ["status", "source", "policy", "incident", "mine"]

    def only_mine(self, queryset: QuerySet[Page], name: str, value: bool) -> QuerySet[Page]:
        user = getattr(self.request, "user", None)
        if not value or user is None:
            return queryset
        return queryset.filter(notices__user_id=user.pk).distinct()
