"""Forms that know who fills them in: every record picker shows only what the actor may see and reference."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator

from core.actor import Actor
from core.permissions import scope


class OneReadChoices(ModelChoiceIterator):
    """A picker's choices read with one plain statement. Django reads them through a server-side cursor, made for
    long results: on PostgreSQL a held cursor declared, fetched twice and closed (four round trips, the result
    copied on the server) for the few dozen records a picker offers, on every page that shows one. The records are
    kept on the form's own copy of the queryset, so a picker rendered twice reads once."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for record in self.queryset:
            yield self.choice(record)


class RecordChoiceField(forms.ModelChoiceField):
    """A record picker (every form's choice of one record)."""

    iterator = OneReadChoices


class RecordMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A picker of several records."""

    iterator = OneReadChoices


class ActorForm(forms.Form):
    """A form built for one actor: each model picker is narrowed by the permission scope of its model, so a
    client contact is offered (and may submit) only their own client's records."""

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields_for_actor(actor)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and field.queryset is not None:
                field.queryset = scope(field.queryset, actor)

    def fields_for_actor(self, actor: Actor) -> None:
        """Adjust the fields to the actor (drop what they may not set) before the pickers are scoped."""
