"""Record pickers read their choices with one plain statement (not a server-side cursor's four round trips) and
offer exactly what Django's own pickers offer: the empty choice, django-filter's "none" choice, the labels."""

import django_filters
import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_filters.fields import ModelChoiceField as FilterChoiceField

from accounts.forms import UserChoiceField
from accounts.models import User
from core.filters import RecordFilter, RecordFilterField
from core.forms import RecordChoiceField, RecordMultipleChoiceField
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


class Pickers(forms.Form):
    one = RecordChoiceField(queryset=User.objects.order_by("email"), required=False)
    many = RecordMultipleChoiceField(queryset=User.objects.order_by("email"), required=False)
    person = UserChoiceField(queryset=User.objects.order_by("email"))


class DjangoPickers(forms.Form):
    one = forms.ModelChoiceField(queryset=User.objects.order_by("email"), required=False)
    many = forms.ModelMultipleChoiceField(queryset=User.objects.order_by("email"), required=False)


@pytest.fixture
def people() -> list[User]:
    return UserFactory.create_batch(4)


def test_a_picker_offers_what_djangos_offers(people: list[User]) -> None:
    data = {"one": str(people[1].pk), "many": [str(people[0].pk), str(people[2].pk)], "person": str(people[3].pk)}
    ours, theirs = Pickers(data), DjangoPickers(data)
    assert str(ours["one"]) == str(theirs["one"])
    assert str(ours["many"]) == str(theirs["many"])
    assert next(iter(ours.fields["one"].choices)) == ("", "---------")
    assert ours.is_valid()
    assert theirs.is_valid()
    assert ours.cleaned_data["one"] == theirs.cleaned_data["one"] == people[1]
    labels = [label for _value, label in ours.fields["person"].choices]
    assert f"{people[0].full_name} · {people[0].get_role_display()}" in labels


def test_a_picker_reads_its_choices_once_in_one_statement(people: list[User]) -> None:
    form = Pickers()
    with CaptureQueriesContext(connection) as queries:
        first, again = str(form["one"]), str(form["one"])
    assert first == again
    assert len(queries) == 1
    assert not queries[0]["sql"].lstrip().upper().startswith("DECLARE")


def test_a_new_form_reads_the_records_as_they_are_now(people: list[User]) -> None:
    offered = f'value="{people[0].pk}"'
    assert offered in str(Pickers()["one"])
    User.objects.filter(pk=people[0].pk).delete()
    assert offered not in str(Pickers()["one"])


class Filters(django_filters.FilterSet):
    person = RecordFilter(queryset=User.objects.order_by("email"), field_name="id", null_label="Nobody")


class DjangoFilters(django_filters.FilterSet):
    person = django_filters.ModelChoiceFilter(queryset=User.objects.order_by("email"), field_name="id",
                                              null_label="Nobody")  # fmt: skip


def test_a_record_filter_offers_what_django_filters_offers_with_its_none_choice(people: list[User]) -> None:
    ours, theirs = Filters({}, queryset=User.objects.all()), DjangoFilters({}, queryset=User.objects.all())
    assert isinstance(ours.form.fields["person"], RecordFilterField)
    assert isinstance(theirs.form.fields["person"], FilterChoiceField)
    with CaptureQueriesContext(connection) as queries:
        written = str(ours.form["person"])
    assert written == str(theirs.form["person"])
    assert "Nobody" in written
    assert len(queries) == 1
