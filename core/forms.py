"""Forms that know who fills them in: every record picker shows only what the actor may see and reference."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Model
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
        offered = getattr(self.field, "offered", None)
        for record in self.queryset if offered is None else offered:
            yield self.choice(record)

    def __len__(self) -> int:
        offered = getattr(self.field, "offered", None)
        if offered is None:
            return super().__len__()
        return len(offered) + (self.field.empty_label is not None)

    def __bool__(self) -> bool:
        offered = getattr(self.field, "offered", None)
        return super().__bool__() if offered is None else bool(offered) or self.field.empty_label is not None


def offer(field: forms.Field, records: Iterable[Model]) -> None:
    """Give a picker the records it shows, read beforehand with the rest of its page (one round trip for the
    page rather than one per picker). What a submission may name is still decided by the field's queryset."""
    field.offered = list(records)  # type: ignore[attr-defined]


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
