"""Every filter set's form, built without a class of its own, is django-filter's form: the same fields in the same
order, written the same, accepting and refusing the same query strings with the same cleaned values."""

from typing import Any

import pytest
from django.test import RequestFactory
from django.urls import get_resolver
from django_filters import FilterSet as DjangoFilterSet

from accounts.models import User
from core.filters import FilterSet
from tests.accounts.factories import UserFactory
from tests.cmdb.factories import AssignmentFactory

pytestmark = pytest.mark.django_db

QUERIES: list[dict[str, Any]] = [
    {},
    {"q": "disk <full>", "status": ["open", "resolved"], "severity": "P1", "assigned_to": "7", "active": "true"},
    {"status": "nonsense", "assigned_to": "x", "detected_after": "yesterday", "page_size": "-1", "client": "999999"},
]


def _filter_sets() -> list[type[FilterSet]]:
    get_resolver().url_patterns  # noqa: B018  # every app's modules loaded
    found, waiting = set(), list(FilterSet.__subclasses__())
    while waiting:
        kind = waiting.pop()
        waiting += kind.__subclasses__()
        found.add(kind)
    return sorted(found, key=lambda kind: f"{kind.__module__}.{kind.__name__}")


def _django_form(filter_set: FilterSet) -> Any:
    """The form as django-filter builds it (a class of its own, made from the filters' fields)."""
    form_class = DjangoFilterSet.get_form_class(filter_set)
    return form_class(filter_set.data, prefix=filter_set.form_prefix) if filter_set.is_bound else form_class()


def _seen(form: Any) -> tuple[Any, ...]:
    valid = form.is_valid()
    fields = [(name, type(field), str(form[name])) for name, field in form.fields.items()]
    return fields, valid, dict(form.errors), form.cleaned_data if valid else None


@pytest.mark.parametrize("kind", _filter_sets(), ids=lambda kind: kind.__name__)
def test_the_form_is_django_filters_form(kind: type[FilterSet], manager: User) -> None:
    AssignmentFactory()
    UserFactory()
    for query in QUERIES:
        request = RequestFactory().get("/", query)
        request.user = manager
        model = kind._meta.model or User  # (a filter set over no model is given its rows)
        mine = kind(request.GET or None, queryset=model._default_manager.none(), request=request)
        theirs = kind(request.GET or None, queryset=model._default_manager.none(), request=request)
        assert _seen(mine.form) == _seen(_django_form(theirs)), query
        assert mine.form is mine.form  # built once


def test_every_filter_set_of_the_project_builds_its_form_so() -> None:
    kinds = _filter_sets()
    assert len(kinds) >= 20
    assert all(issubclass(kind, FilterSet) for kind in kinds)
