import django_filters

from core.filters import FilterSet, IdFilter
from problems.choices import ProblemCategory, ProblemStatus
from problems.models import Problem


class ProblemFilterSet(FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label="Search")
    status = django_filters.MultipleChoiceFilter(choices=ProblemStatus.choices, distinct=False)
    category = django_filters.ChoiceFilter(choices=ProblemCategory.choices)
    assigned_to = IdFilter(field_name="assigned_to_id", label="Assignee")

    class Meta:
        model = Problem
        fields = ["q", "status", "category", "assigned_to"]
