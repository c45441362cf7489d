"""The project's template language: Jinja2, compiled to Python, looking values up and writing them as Django's
templates do.

The incident page and the queue spent about a fifth of their time in Django's template machinery (a node, a
variable lookup and a context walk for every value written); Jinja2 compiles each template to a Python function.
What a page writes is unchanged: a lookup tries a dictionary's key, then the attribute, then the key or index,
and calls what it finds unless Django would not (`do_not_call_in_templates`; `alters_data` is refused); a missing
value writes nothing, has nothing and compares false; every value is written in the viewer's time zone and
format. The filters are Django's own (times given in the viewer's zone, as Django gives them) and the project's:
the engine's `libraries` option names the modules whose `filters` and `functions` the templates may use (a
context value of the same name hides a function: views do not name values `url`, `static`, `badge` or `can`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from importlib import import_module
from typing import Any

from django.http import HttpRequest
from django.template import defaultfilters
from django.template.backends.utils import csrf_input
from django.utils.formats import localize
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]  # public, not in the stubs
from jinja2 import ChainableUndefined, Environment, Undefined

DJANGO_FILTERS = (
    "add", "capfirst", "date", "default", "default_if_none", "filesizeformat", "join", "length", "linebreaks",
    "linebreaksbr", "lower", "pluralize", "stringformat", "time", "timesince", "truncatechars", "yesno",
)  # fmt: skip
"""Django's filters the pages use, under their Django names (Jinja2's own `default`, `join`, `length` and `lower`
answer otherwise: `default` only for a missing value, `length` not for None)."""

DJANGO_FILTER_FUNCTIONS = {"linebreaks": "linebreaks_filter"}


def written(value: Any) -> Any:
    """`{{ value }}`: as Django writes a value (times in the viewer's zone, numbers and times localized)."""
    if isinstance(value, str) or value is None or hasattr(value, "__html__"):
        return value
    return localize(template_localtime(value))


def django_filter(function: Callable[..., Any]) -> Callable[..., Any]:
    """One of Django's filters, given what Django's templates give it: a time in the viewer's zone where it writes
    times (`date`, `time`, `timesince`)."""
    if not getattr(function, "expects_localtime", False):
        return function

    def in_local_time(value: Any, *args: Any) -> Any:
        return function(template_localtime(value), *args)

    return in_local_time


class Missing(ChainableUndefined):
    """A value the context does not have: writes nothing, has nothing, and compares as Django's `{% if %}` compares
    it (false, rather than an error)."""

    __slots__ = ()

    def __lt__(self, *args: Any, **kwargs: Any) -> bool:  # type: ignore[override]  # Jinja2's raises
        return False

    __le__ = __gt__ = __ge__ = __lt__  # type: ignore[assignment]


def is_none(value: Any) -> bool:
    """`{% if notes is none %}`: true of a missing value too, as Django's `is None` is (it looks up None for it)."""
    return value is None or isinstance(value, Undefined)


class TemplateEnvironment(Environment):
    """Jinja2, looking values up as Django's templates do."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj:  # a key first, as Django looks it up (`counts.items`)
            return obj[attribute]
        value = super().getattr(obj, attribute)
        if callable(value) and not isinstance(value, Undefined | type):
            if getattr(value, "do_not_call_in_templates", False):
                return value
            if getattr(value, "alters_data", False):
                return self.undefined(obj=obj, name=attribute)
            try:
                return value()
            except TypeError:
                try:  # a method that needs arguments: Django writes nothing; any other TypeError is the method's
                    inspect.signature(value).bind()
                except TypeError:
                    return self.undefined(obj=obj, name=attribute)
                raise
        return value


def environment(*, libraries: Iterable[str] = (), **options: Any) -> Environment:
    """The engine's environment (`OPTIONS` of the Jinja2 backend; `libraries`: the modules of template helpers)."""
    options["undefined"] = Missing  # in debug too
    options.setdefault("keep_trailing_newline", True)  # as Django writes a file
    env = TemplateEnvironment(finalize=written, **options)
    env.tests["none"] = is_none
    for name in DJANGO_FILTERS:
        env.filters[name] = django_filter(getattr(defaultfilters, DJANGO_FILTER_FUNCTIONS.get(name, name)))
    for path in libraries:
        module = import_module(path)
        env.filters.update(getattr(module, "filters", {}))
        env.globals.update(getattr(module, "functions", {}))
    return env


class TokenInput:
    """`{{ csrf_input }}`: the page's CSRF token field, masked once per page (Django's backend masks it anew for
    every form the page writes)."""

    def __init__(self, request: HttpRequest) -> None:
        self.request, self.html = request, ""

    def __html__(self) -> str:
        if not self.html:
            self.html = csrf_input(self.request)
        return self.html

    __str__ = __html__


def page_context(request: HttpRequest) -> dict[str, Any]:
    """What every page's template has beside its view's context (a context processor of the pages' engine)."""
    return {"csrf_input": TokenInput(request)}


def helpers(*functions: Callable[..., Any]) -> dict[str, Callable[..., Any]]:
    """A library's `filters` or `functions`, by their names."""
    return {function.__name__: function for function in functions}
