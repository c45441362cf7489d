"""The structure is the architecture: these tests keep it so."""

import ast
import importlib
import inspect
from collections import defaultdict
from pathlib import Path

import factory
import grimp
import pytest
from django.apps import apps
from django.db import models

from core.lifecycle import Transitions
from tests.helpers import PROJECT_DIR, project_app_labels

DOMAIN_APPS = sorted(project_app_labels() - {"core", "workspace"})
ROOMS = ("models.py", "choices.py", "transitions.py", "services", "selectors.py", "filtersets.py", "api", "views.py",
         "forms.py", "admin.py", "apps.py", "urls.py")  # fmt: skip
WITHOUT_REFERENCE_TABLES = {"response", "oncall", "integrations"}
"""Apps whose records the reference data set does not hold, so they import nothing."""


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_every_domain_app_has_the_same_rooms(app: str) -> None:
    missing = [room for room in ROOMS if not (PROJECT_DIR / app / room).exists()]
    assert not missing, f"{app} lacks {missing}"
    assert (PROJECT_DIR / app / "services" / "__init__.py").exists(), f"{app}/services is a package"
    assert not (PROJECT_DIR / app / "services.py").exists()
    if app not in WITHOUT_REFERENCE_TABLES:
        assert (PROJECT_DIR / app / "importers.py").exists(), f"{app} lacks importers.py"


def _modules(app: str) -> list[Path]:
    return [path for path in (PROJECT_DIR / app).rglob("*.py") if "migrations" not in path.parts]


STATUS_FIELDS = {
    field.name
    for model in apps.get_models()
    if model._meta.app_label in project_app_labels()
    for field in model._meta.concrete_fields
    if field.name == "status" or field.name.endswith("_status")
}


def _status_writes(path: Path) -> list[str]:
    """Assignments to a status attribute and queryset updates of one, with their line numbers."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            for target in node.targets:
                targets.extend(target.elts if isinstance(target, ast.Tuple) else [target])
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets.append(node.target)
        for target in targets:
            if isinstance(target, ast.Attribute) and target.attr in STATUS_FIELDS:
                found.append(f"{path.relative_to(PROJECT_DIR)}:{node.lineno} sets .{target.attr}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update":
            for keyword in node.keywords:
                if keyword.arg in STATUS_FIELDS:
                    found.append(f"{path.relative_to(PROJECT_DIR)}:{node.lineno} updates {keyword.arg}")
    return found


def test_status_fields_are_written_only_by_their_apps_services() -> None:
    """One entry per state change: a status moves only inside the services of the app that owns it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.name in STATUS_FIELDS:
                owners[field.name].add(model._meta.app_label)
    offenders = []
    for label in sorted(project_app_labels()):
        for path in _modules(label):
            in_services = "services" in path.relative_to(PROJECT_DIR).parts
            for write in _status_writes(path):
                name = write.rsplit(" ", 1)[-1].lstrip(".")
                if not (in_services and label in owners[name]):
                    offenders.append(write)
    assert not offenders, "status written outside its app's services:\n" + "\n".join(offenders)


def test_the_status_write_check_sees_a_write(tmp_path: Path) -> None:
    module = PROJECT_DIR / "incidents" / "_probe_for_test.py"
    module.write_text("def go(incident):\n    incident.status = 'closed'\n    Incident.objects.update(status='x')\n")
    try:
        assert len(_status_writes(module)) == 2
    finally:
        module.unlink()


def test_the_app_graph_has_no_cycle() -> None:
    labels = sorted(project_app_labels() | {"config"})
    graph = grimp.build_graph(*labels)
    edges = {
        (a, b)
        for a in labels
        for b in labels
        if a != b and graph.direct_import_exists(importer=a, imported=b, as_packages=True)
    }
    remaining = set(labels)
    while remaining:
        leaves = {app for app in remaining if not any((app, other) in edges for other in remaining)}
        assert leaves, f"import cycle among {sorted(remaining)}"
        remaining -= leaves


def _transition_maps() -> list[tuple[str, str, Transitions]]:
    maps = []
    for label in sorted(project_app_labels() - {"core", "workspace"}):
        module = importlib.import_module(f"{label}.transitions")
        for name, value in vars(module).items():
            if name.endswith("_TRANSITIONS") or name == "TRANSITIONS":
                maps.append((label, name, value))
    return maps


@pytest.mark.parametrize(
    ("app", "name", "transitions"), _transition_maps(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_lifecycle_names_each_status_once_and_only_known_ones(
    app: str, name: str, transitions: Transitions
) -> None:
    targets = set().union(*transitions.values())
    assert targets <= set(transitions), f"{app}.{name} moves to statuses it does not list: {targets - set(transitions)}"
    assert all(status not in moves for status, moves in transitions.items()), f"{app}.{name} moves in place"


def _factories() -> dict[type[models.Model], type[factory.django.DjangoModelFactory]]:
    found: dict[type[models.Model], type[factory.django.DjangoModelFactory]] = {}
    for path in sorted((PROJECT_DIR / "tests").glob("*/factories.py")):
        module = importlib.import_module(".".join(path.relative_to(PROJECT_DIR).with_suffix("").parts))
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, factory.django.DjangoModelFactory) and value._meta.model is not None:
                found.setdefault(value._meta.model, value)
    return found


def test_every_model_has_a_factory() -> None:
    models_ = [m for m in apps.get_models() if m._meta.app_label in project_app_labels()]
    missing = sorted(m._meta.label for m in models_ if m not in _factories())
    assert not missing, f"no factory for {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("model", sorted(_factories(), key=lambda m: m._meta.label), ids=lambda m: m._meta.label)
def test_each_factory_makes_a_valid_record(model: type[models.Model]) -> None:
    record = _factories()[model]()
    record.full_clean(validate_unique=False, validate_constraints=False)
    assert model._default_manager.filter(pk=record.pk).exists()
