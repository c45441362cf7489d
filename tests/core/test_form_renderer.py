"""Widgets written in Python are byte for byte what Django's widget templates write: every kind of input, selects
(single, multiple, grouped, selected, with a model's choices), text areas, values that need escaping or are already
safe, attributes that are true, false or text; and the forms of the main pages."""

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import RequestFactory
from django.utils.safestring import mark_safe

from accounts.models import User
from core.actor import Actor
from core.form_renderer import FormRenderer
from incidents.filtersets import IncidentFilterSet
from incidents.forms import AttachmentForm, CILinkForm, EscalationForm, NoteForm, TransitionForm
from tests.accounts.factories import UserFactory
from tests.cmdb.factories import AssignmentFactory

pytestmark = pytest.mark.django_db

GROUPED = [
    ("Network", [("vpn", "VPN <edge>"), ("dns", "DNS")]),
    ("Other", [("x", mark_safe("<b>Bold</b>"))]),
    ("", "—"),
]


class EveryWidget(forms.Form):
    text = forms.CharField(max_length=20, help_text="Say it")
    optional = forms.CharField(required=False, widget=forms.TextInput(attrs={"data-x": 'a "quoted" <value>'}))
    number = forms.IntegerField(min_value=0)
    decimal = forms.DecimalField(max_digits=6, decimal_places=2, required=False)
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False, assume_scheme="https")
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    moment = forms.DateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), required=False)
    clock = forms.TimeField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    flag = forms.BooleanField(required=False)
    off = forms.CharField(disabled=True, required=False, widget=forms.TextInput(attrs={"autofocus": True, "x": False}))
    choice = forms.ChoiceField(choices=[("", "Any"), ("a", "A & B"), ("c", "C")])
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    numbers = forms.TypedChoiceField(choices=[(1, "One"), (2, "Two")], coerce=int)
    many = forms.MultipleChoiceField(choices=[("p1", "P1"), ("p2", "P2"), ("p3", "P3")], required=False)
    person = forms.ModelChoiceField(queryset=User.objects.order_by("id"), required=False)
    text_area = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    radio = forms.ChoiceField(choices=[("r", "R"), ("s", "S")], widget=forms.RadioSelect, required=False)
    boxes = forms.MultipleChoiceField(
        choices=[("b", "B"), ("c", "C")], widget=forms.CheckboxSelectMultiple, required=False
    )
    upload = forms.FileField(required=False)


FILLED = {
    "text": "<script>alert('x')</script>", "optional": mark_safe("<i>safe</i>"), "number": "1234567",
    "decimal": "1234.5", "email": "a@b.test", "url": "https://x.test/?a=1&b=2", "day": "2026-03-01",
    "moment": "2026-03-01T10:30", "clock": "08:30", "secret": "p\"w'd", "hidden": "h&i", "flag": "on",
    "choice": "a", "grouped": "x", "numbers": "2", "many": ["p1", "p3"], "text_area": "line one\n<line two>",
    "radio": "s", "boxes": ["c"],
}  # fmt: skip


def _both(make: Any) -> tuple[dict[str, str], dict[str, str]]:
    written, templated = make(FormRenderer()), make(DjangoTemplates())
    return (
        {name: str(field) for name, field in ((f.name, f) for f in written)},
        {name: str(field) for name, field in ((f.name, f) for f in templated)},
    )


@pytest.mark.parametrize("state", ["empty", "initial", "filled", "invalid"])
def test_every_widget_is_written_as_the_templates_write_it(state: str) -> None:
    UserFactory(first_name="Zoë", last_name="O'Neil")
    UserFactory()
    data = {"filled": FILLED, "invalid": {**FILLED, "number": "-1", "email": "nope", "many": ["zz"]}}.get(state)
    initial = {"text": "Initial", "number": 3, "day": dt.date(2026, 1, 2), "many": ["p2"], "flag": True}

    def make(renderer: Any) -> forms.Form:
        form = EveryWidget(data, initial=initial if state == "initial" else None, renderer=renderer)
        if data is not None:
            form.is_valid()
        return form

    written, templated = _both(make)
    assert written == templated
    assert "<select" in written["grouped"]
    assert "<optgroup" in written["grouped"]


def test_the_main_pages_forms_are_written_as_the_templates_write_them(manager: User) -> None:
    AssignmentFactory()
    actor = Actor.web(manager)
    request = RequestFactory().get("/incidents/", {"status": ["open"], "severity": "P1", "q": "disk <full>"})
    request.user = manager
    makers = {
        "note": lambda renderer: NoteForm(initial={"note_type": "progress_update"}, renderer=renderer),
        "attachment": lambda renderer: AttachmentForm(renderer=renderer),
        "ci": lambda renderer: CILinkForm(actor=actor, renderer=renderer),
        "escalation": lambda renderer: EscalationForm(actor=actor, renderer=renderer),
        "transition": lambda renderer: TransitionForm(renderer=renderer),
        "filters": lambda renderer: _filter_form(request, renderer),
    }
    for name, make in makers.items():
        written, templated = _both(make)
        assert written == templated, name


def _filter_form(request: Any, renderer: Any) -> forms.Form:
    form = IncidentFilterSet(request.GET, request=request).form
    form.renderer = renderer
    form.is_valid()
    return form


@pytest.mark.parametrize("state", ["empty", "invalid"])
def test_every_label_is_written_as_the_template_writes_it(state: str) -> None:
    data = {**FILLED, "number": "-1"} if state == "invalid" else None

    def labels(renderer: Any) -> list[str]:
        form = EveryWidget(data, renderer=renderer, auto_id="id_%s" if state == "empty" else False)
        form.is_valid()
        written = []
        for field in form:
            written += [
                field.label_tag(),
                field.legend_tag(),
                field.label_tag(attrs={"class": "x <y>", "hidden": True}),
            ]
            written += [field.label_tag(contents="<b>Raw</b>", label_suffix=":"), field.label_tag(tag="span")]
        return [str(label) for label in written]

    assert labels(FormRenderer()) == labels(DjangoTemplates())
