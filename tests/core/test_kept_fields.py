"""An empty form's fields are written once and kept: what is kept is what Django writes, for every widget and the
main pages' forms, first time and after; a change to anything a field is written from (its options, its value,
the language, a safe label) is written afresh; a filled-in form is never kept; what is kept is bounded."""

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.forms import BoundField
from django.test import RequestFactory
from django.utils import timezone
from django.utils.safestring import mark_safe

from accounts.models import User
from core import kept_fields
from core.actor import Actor
from core.kept_fields import KeptBoundField
from incidents.filtersets import IncidentFilterSet
from incidents.forms import AttachmentForm, CILinkForm, EscalationForm, NoteForm, TransitionForm
from tests.accounts.factories import UserFactory
from tests.cmdb.factories import AssignmentFactory
from tests.core.test_form_renderer import FILLED, EveryWidget

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def nothing_kept(monkeypatch: Any) -> None:
    monkeypatch.setattr(kept_fields, "_kept", {})


def _written(form: forms.Form) -> dict[str, str]:
    return {name: str(form[name]) for name in form.fields}


def _as_django_writes(make: Any) -> dict[str, str]:
    form = make()
    form.bound_field_class = BoundField
    return _written(form)


def _check(make: Any) -> None:
    expected = _as_django_writes(make)
    for _ in range(2):  # written and kept, then from what was kept
        form = make()
        assert form.bound_field_class is KeptBoundField
        assert _written(form) == expected


def test_every_widget_of_an_empty_form_is_kept_as_django_writes_it() -> None:
    UserFactory(first_name="Zoë", last_name="O'Neil")
    _check(lambda: EveryWidget())
    _check(lambda: EveryWidget(initial={"text": "<i>", "number": 3, "many": ["p2"], "flag": True, "choice": "a"}))
    assert len(kept_fields._kept) > 15  # file inputs and the like are written every time


def test_the_main_pages_empty_forms_are_kept_as_django_writes_them(manager: User) -> None:
    AssignmentFactory()
    actor = Actor.web(manager)
    request = RequestFactory().get("/incidents/")
    request.user = manager
    makers = [
        lambda: NoteForm(initial={"note_type": "progress_update"}),
        lambda: AttachmentForm(),
        lambda: CILinkForm(actor=actor),
        lambda: EscalationForm(actor=actor),
        lambda: TransitionForm(),
        lambda: IncidentFilterSet(None, request=request).form,
    ]
    for make in makers:
        _check(make)


def test_a_filled_in_form_is_written_each_time() -> None:
    form = EveryWidget(FILLED)
    assert _written(form) == _as_django_writes(lambda: EveryWidget(FILLED))
    assert kept_fields._kept == {}


def test_new_options_are_written() -> None:
    first = str(EveryWidget()["person"])
    added = UserFactory(first_name="Newcomer")
    again = str(EveryWidget()["person"])
    assert "Newcomer" not in first
    assert f'value="{added.pk}"' in again


def test_the_time_zone_and_a_safe_label_are_part_of_what_is_kept() -> None:
    class Labelled(forms.Form):
        choice = forms.ChoiceField(choices=[("a", "<b>A</b>")])

    class Safe(forms.Form):
        choice = forms.ChoiceField(choices=[("a", mark_safe("<b>A</b>"))])

    plain, safe = str(Labelled()["choice"]), str(Safe()["choice"])
    assert "&lt;b&gt;A&lt;/b&gt;" in plain
    assert "<b>A</b>" in safe
    with timezone.override("Asia/Tokyo"):
        str(Labelled()["choice"])
    assert len(kept_fields._kept) == 3
    day = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.UTC)
    with timezone.override("Asia/Tokyo"):
        assert 'value="2026-03-02 08:30:00"' in str(EveryWidget(initial={"moment": day})["moment"])
    assert 'value="2026-03-01 23:30:00"' in str(EveryWidget(initial={"moment": day})["moment"])


def test_what_is_kept_is_bounded(monkeypatch: Any) -> None:
    monkeypatch.setattr(kept_fields, "KEPT_FIELDS", 5)
    for number in range(12):
        str(EveryWidget(initial={"text": f"t{number}"})["text"])
        assert len(kept_fields._kept) <= 5


def test_a_picker_offered_the_same_records_is_written_once(manager: User) -> None:
    from core.forms import offer

    AssignmentFactory()
    actor = Actor.web(manager)
    shown = []
    for _ in range(3):
        form = CILinkForm(actor=actor)
        offer(form.fields["ci"], list(form.fields["ci"].queryset))
        shown.append(str(form["ci"]))
    assert len(set(shown)) == 1
    assert len(kept_fields._kept) == 1
