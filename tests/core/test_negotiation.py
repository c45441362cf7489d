"""The kept negotiation chooses what DRF's chooses, for every header and format, the first time and after; what it
keeps is bounded whatever clients send."""

from typing import Any

import pytest
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from core.api import negotiation
from core.api.negotiation import KeptNegotiation
from core.api.renderers import FastJSONRenderer

HEADERS = [
    None,
    "*/*",
    "application/json",
    "application/json; indent=4",
    "text/html",
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "application/*",
    "application/json;q=0.5, text/html",
]


def _choice(negotiator: Any, header: str | None, query: str = "") -> tuple[type, str]:
    extra = {} if header is None else {"HTTP_ACCEPT": header}
    request = Request(APIRequestFactory().get(f"/api/v1/incidents/{query}", **extra))
    renderer, media_type = negotiator.select_renderer(request, [FastJSONRenderer(), BrowsableAPIRenderer()])
    return type(renderer), media_type


def _outcome(negotiator: Any, header: str | None, query: str = "") -> tuple[type, str] | str:
    try:
        return _choice(negotiator, header, query)
    except NotAcceptable:
        return "refused"


@pytest.fixture(autouse=True)
def nothing_kept(monkeypatch: Any) -> None:
    monkeypatch.setattr(negotiation, "_kept", {})


@pytest.mark.parametrize("query", ["", "?format=json", "?format=api"])
@pytest.mark.parametrize("header", HEADERS)
def test_the_choice_is_drfs(header: str | None, query: str) -> None:
    expected = _outcome(DefaultContentNegotiation(), header, query)
    assert _outcome(KeptNegotiation(), header, query) == expected  # negotiated, then kept
    assert _outcome(KeptNegotiation(), header, query) == expected  # from what was kept
    assert len(negotiation._kept) == (0 if expected == "refused" else 1)


def test_an_unacceptable_header_is_refused_every_time() -> None:
    for _ in range(2):
        with pytest.raises(NotAcceptable):
            _choice(KeptNegotiation(), "image/png")
    assert negotiation._kept == {}


def test_what_is_kept_is_bounded() -> None:
    for number in range(negotiation.KEPT_HEADERS + 20):
        assert _choice(KeptNegotiation(), f"application/json; v={number}")[0] is FastJSONRenderer
    assert len(negotiation._kept) == negotiation.KEPT_HEADERS
    long = "text/plain;q=0.1, " * (negotiation.LONGEST_KEPT // 10) + "application/json"
    negotiation._kept.clear()
    assert _choice(KeptNegotiation(), long)[0] is FastJSONRenderer
    assert negotiation._kept == {}
