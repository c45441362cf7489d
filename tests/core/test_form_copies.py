"""A form's fields and widgets, copied directly, are what Python's copying protocol makes of them: for every field and
widget of the main pages' forms and of every kind Django offers; a class with a copying protocol of its own keeps
it."""

import copy
from typing import Any

import pytest
from django import forms

from core.form_copies import plain_copy
from incidents.forms import AttachmentForm, NoteForm, TransitionForm
from tests.core.test_form_renderer import EveryWidget

pytestmark = pytest.mark.django_db


def _generic(instance: Any) -> Any:
    """What `copy.copy` makes without the direct copy."""
    return copy._reconstruct(instance, None, *instance.__reduce_ex__(4))


def _same(one: Any, other: Any) -> bool:
    return type(one) is type(other) and vars(one) == vars(other) and one is not other


@pytest.mark.parametrize("form_class", [EveryWidget, NoteForm, AttachmentForm, TransitionForm])
def test_each_field_and_widget_copies_as_python_copies_it(form_class: type[forms.Form]) -> None:
    for name, field in form_class.base_fields.items():
        assert _same(plain_copy(field), _generic(field)), name
        assert _same(plain_copy(field.widget), _generic(field.widget)), name
        made = form_class().fields[name]  # a form's own copy (Django's deep copy, through the direct copies)
        assert made is not field
        assert made.widget is not field.widget
        assert made.widget.attrs == field.widget.attrs
        assert made.widget.attrs is not field.widget.attrs


def test_copy_uses_the_direct_copy() -> None:
    field = forms.CharField(max_length=3)
    assert copy.copy(field).max_length == 3
    assert type(field).__copy__ is plain_copy


def test_a_class_with_its_own_protocol_keeps_it() -> None:
    class Counted(forms.CharField):
        def __getstate__(self) -> dict[str, Any]:
            return {**self.__dict__, "copied": True}

    copied = plain_copy(Counted())
    assert getattr(copied, "copied", False) is True
