"""A record's address reversed once per route is the address Django's `reverse` gives, for every record route,
under any script prefix."""

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

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
