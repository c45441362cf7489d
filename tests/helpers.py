"""Assertions shared by the tests."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps

TRACKED_APPS = {"core", "accounts", "cmdb", "sla", "authtoken"}


def db_fingerprint() -> dict[str, list[dict[str, Any]]]:
    """Every row of every Tracer table, in key order: equal fingerprints mean nothing was written."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.app_label in TRACKED_APPS
    }


@contextmanager
def assert_unchanged() -> Iterator[None]:
    """The block (a refused call) must leave every table exactly as it was."""
    before = db_fingerprint()
    yield
    after = db_fingerprint()
    changed = [label for label in before if before[label] != after.get(label)]
    assert not changed, f"a refused call changed {changed}"
