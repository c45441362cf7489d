"""Instances of rows read from the database, built without the constructor, are the instances Django's `from_db`
builds: for every model that loads so, whole rows and rows of some columns (the rest loading on first use), with
related rows beside them; a model with its own constructor, or watched as instances are built, is built by Django."""

from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.db.models.signals import post_init

from core.models import QuickLoading
from incidents.models import Incident
from tests.architecture.test_layout import _factories
from tests.incidents.factories import IncidentFactory

pytestmark = pytest.mark.django_db


def _quick_models() -> list[type[models.Model]]:
    found = [model for model in apps.get_models() if issubclass(model, QuickLoading)]
    return sorted(found, key=lambda model: model._meta.label)


def _seen(instance: models.Model) -> dict[str, Any]:
    """What an instance holds: its attributes (no cached relation), where it was read from, what it defers."""
    held = {name: value for name, value in vars(instance).items() if name != "_state"}
    return held | {
        "adding": instance._state.adding,
        "db": instance._state.db,
        "deferred": instance.get_deferred_fields(),
    }


def _by_django(model: type[models.Model], names: list[str], values: list[Any]) -> models.Model:
    return models.Model.from_db.__func__(model, "default", names, values)


def test_the_models_that_load_so_include_the_busiest() -> None:
    assert {"incidents.Incident", "accounts.User"} <= {model._meta.label for model in _quick_models()}


@pytest.mark.parametrize("model", _quick_models(), ids=lambda model: model._meta.label)
def test_a_row_loads_as_django_loads_it(model: type[models.Model]) -> None:
    record = _factories()[model]()
    fields = model._meta.concrete_fields
    row = model._default_manager.filter(pk=record.pk).values_list(*(field.attname for field in fields)).get()
    names = [field.attname for field in fields]
    assert _seen(model.from_db("default", names, list(row))) == _seen(_by_django(model, names, list(row)))
    some = [0, len(fields) - 1] if len(fields) > 1 else [0]  # the id and the last column; the rest deferred
    picked, values = [names[at] for at in some], [row[at] for at in some]
    quick = model.from_db("default", picked, values)
    assert _seen(quick) == _seen(_by_django(model, picked, values))
    for field in fields:  # a deferred column loads on first use
        assert getattr(quick, field.attname) == getattr(record, field.attname)


def test_a_page_of_rows_with_their_related_rows_is_what_it_was() -> None:
    for _ in range(3):
        IncidentFactory(assigned_to=None)
    IncidentFactory()
    rows = list(Incident.objects.select_related("assigned_to").only("title", "assigned_to__email").order_by("id"))
    assert [incident.get_deferred_fields() >= {"description", "severity"} for incident in rows] == [True] * 4
    assigned = [incident.assigned_to for incident in rows if incident.assigned_to_id is not None]
    assert assigned
    assert all(user.email and user.get_deferred_fields() for user in assigned)
    rows[0].title = "Renamed"
    rows[0].save(update_fields=["title"])  # loaded as saved: an update, not an insert
    assert Incident.objects.get(pk=rows[0].pk).title == "Renamed"


def test_a_model_watched_as_instances_are_built_is_built_by_django() -> None:
    built: list[Any] = []

    def watcher(sender: Any, instance: Any, **kwargs: Any) -> None:
        built.append(instance)

    incident = IncidentFactory()
    post_init.connect(watcher, sender=Incident)
    try:
        read = Incident.objects.get(pk=incident.pk)
    finally:
        post_init.disconnect(watcher, sender=Incident)
    assert built == [read]
