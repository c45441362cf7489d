"""Forms that know who fills them in: every record picker shows only what the actor may see and reference."""

from __future__ import annotations

from typing import Any

from django import forms

from core.actor import Actor
from core.permissions import scope


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
