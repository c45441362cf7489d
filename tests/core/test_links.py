"""Addresses reversed once per route (a record's, and every `url()` of the templates) are the addresses
Django's `reverse` and its own `url` tag give, for every route, under any script prefix and URLconf."""

import pytest
from django.urls import clear_script_prefix, path, reverse, set_script_prefix

from core.links import record_url

ROUTES = [
    "workspace:incident-detail", "workspace:problem-detail", "workspace:client-detail", "changes:detail",
    "cmdb:ci-detail", "integrations:detail", "oncall:schedule-detail", "oncall:policy-detail",
    "reports:report-detail", "reports:rca-detail", "reports:pir-detail", "accounts:user-detail",
    "sla:agreement-update",
]  # fmt: skip


@pytest.mark.parametrize("name", ROUTES)
@pytest.mark.parametrize("pk", [1, 42, 1_000_000])
def test_a_record_address_is_what_reverse_gives(name: str, pk: int) -> None:
    assert record_url(name, pk) == reverse(name, args=[pk])


def test_the_script_prefix_of_the_moment_is_kept() -> None:
    try:
        set_script_prefix("/tracer/")
        assert (
            record_url("workspace:incident-detail", 7)
            == "/tracer/incidents/7/"
            == reverse("workspace:incident-detail", args=[7])
        )
    finally:
        clear_script_prefix()
    assert record_url("workspace:incident-detail", 7) == "/incidents/7/"


def _every_route() -> list[tuple[str, int]]:
    """Every named route of the project, with how many arguments its pattern takes."""
    from django.urls import get_resolver

    resolver = get_resolver()
    routes = []
    for namespace, (_prefix, sub) in resolver.namespace_dict.items():
        for name in sub.reverse_dict:
            if isinstance(name, str):
                for _bits, pattern, _defaults, _converters in sub.reverse_dict.getlist(name):
                    routes.append((f"{namespace}:{name}", pattern.count("(?P<")))
    for name in resolver.reverse_dict:
        if isinstance(name, str):
            routes.append((name, resolver.reverse_dict.getlist(name)[0][1].count("(?P<")))
    return sorted(set(routes))


def test_every_route_is_addressed_as_reverse_addresses_it() -> None:
    """No argument, one record id, or keywords: the kept address is Django's, route by route."""
    from core.links import address

    checked = 0
    for name, arguments in _every_route():
        if arguments == 0:
            assert address(name) == reverse(name), name
        elif arguments == 1:
            try:
                expected = reverse(name, args=[42])
            except Exception:  # a route whose one argument is not a number (a token, a slug)
                continue
            assert address(name, [42]) == expected, name
            assert address(name, ["42"]) == expected, name
        checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("ours", "djangos"),
    [
        ("{{ url('workspace:home') }}", "{% url 'workspace:home' %}"),
        ("{{ url('incidents:transition', incident) }}", "{% url 'incidents:transition' incident %}"),
        ("{{ url('incidents:transition', pk=incident) }}", "{% url 'incidents:transition' pk=incident %}"),
        ("{{ url(name, incident) }}", "{% url name incident %}"),
        (
            "{% set there = url('workspace:incident-detail', incident) %}[{{ there }}]",
            "{% url 'workspace:incident-detail' incident as there %}[{{ there }}]",
        ),
        ("{{ url('workspace:search') }}?q=a&amp;b", "{% url 'workspace:search' %}?q=a&amp;b"),
    ],
)
def test_the_url_function_writes_what_djangos_tag_writes(ours: str, djangos: str) -> None:
    from django.template import Context, Engine, engines

    values = {"incident": 31, "name": "workspace:incident-detail"}
    assert engines["pages"].from_string(ours).render(values) == Engine().from_string(djangos).render(Context(values))


def test_an_unknown_route_is_refused_as_django_refuses_it() -> None:
    from django.template import engines
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        engines["pages"].from_string("{{ url('no-such-route') }}").render({})


def test_another_urlconf_is_followed(settings) -> None:
    from core.links import address

    assert address("health") == "/health/"
    settings.ROOT_URLCONF = "tests.core.test_links"
    assert address("health") == "/elsewhere/health/" == reverse("health")


def _health(request):  # pragma: no cover - only addressed, never served
    raise AssertionError


urlpatterns = [path("elsewhere/health/", _health, name="health")]
"""This module is the URLconf of the test above."""


@pytest.mark.parametrize("page", ["/incidents/31/", "/on-call/", "/health/"])
def test_the_url_tag_follows_the_pages_namespace_as_djangos_does(page: str) -> None:
    from django.template import Engine, RequestContext, engines
    from django.test import RequestFactory
    from django.urls import resolve

    request = RequestFactory().get(page)
    request.resolver_match = resolve(page)
    source = "{{ url('incidents:transition', 31) }} {{ url('workspace:home') }} {{ url('oncall:overview') }}"
    djangos = "{% url 'incidents:transition' 31 %} {% url 'workspace:home' %} {% url 'oncall:overview' %}"
    ours = engines["pages"].from_string(source).render({}, request)
    assert ours == Engine().from_string(djangos).render(RequestContext(request, {}))
    assert ours.startswith("/incidents/31/")
