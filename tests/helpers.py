"""Assertions shared by the tests."""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import connection

from core.errors import DomainError

PROJECT_DIR = Path(__file__).resolve().parent.parent


def project_app_labels() -> set[str]:
    """Tracer's own apps, read from the app registry (a new app is covered without editing this file)."""
    return {config.label for config in apps.get_app_configs() if Path(config.path).parent == PROJECT_DIR}


TRACKED_APPS = project_app_labels() | {"authtoken"}
"""Every table a refused call must leave alone: Tracer's apps and the API tokens."""


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


def assert_refused(call: Callable[[], object], code: str) -> DomainError:
    """The call is refused with `code` and leaves the database exactly as it was."""
    with assert_unchanged(), pytest.raises(DomainError) as caught:
        call()
    assert caught.value.code == code, caught.value
    return caught.value


def race(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls at the same moment, each on its own thread and database connection."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = calls[index]()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def numbers_restart() -> None:
    """Record numbers from 1 again for every prefix (sequences are not rolled back with a test's transaction)."""
    from core.models import NumberSequence
    from core.numbering import PREFIXES, sequence_name

    if connection.vendor != "postgresql":
        NumberSequence.objects.all().delete()
        return
    with connection.cursor() as cursor:
        for prefix in PREFIXES:
            cursor.execute("SELECT setval(%s, 1, false)", [sequence_name(prefix)])
