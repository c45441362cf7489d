"""The Content-Security-Policy holds in a real browser: no page relies on an inline script or style, and the
incident form's script (served by the app) still runs."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import sign_in
from tests.incidents.factories import IncidentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_pages_raise_no_content_policy_violation(page: Page, admin_user: Any) -> None:
    incident = IncidentFactory(severity="P2", status="in_progress")
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    sign_in(page, admin_user)
    for path in ("/", "/incidents/", "/incidents/new/", f"/incidents/{incident.pk}/", "/changes/", "/metrics/",
                 "/status/", "/api/docs/", "/api/redoc/"):  # fmt: skip
        page.goto(path)
        page.wait_for_load_state("networkidle")
    # Only this site's scripts and styles run; a viewer's attempt to fetch its logo from a CDN is blocked, as meant.
    assert [text for text in violations if "script-src" in text or "style-src" in text] == []
    page.goto("/incidents/new/")
    page.get_by_label("Is it limited to one department or function?").check()
    expect(page.locator("[data-level]")).to_have_text("P3")
