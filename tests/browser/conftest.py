"""Headless Chromium (Debian's) driven by Playwright against the live test server."""

import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from accounts.models import User
from tests.accounts.factories import PASSWORD

# Playwright's sync API keeps an event loop in this thread; the test's own database calls are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("TRACER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium (or set TRACER_CHROMIUM).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Browser, live_server: Any) -> Iterator[Page]:
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def new_page(chromium: Browser, live_server: Any, user: User | None = None, width: int = 1280) -> Page:
    """A page in its own browser context (its own cookies), signed in as `user` when one is given; confirmation
    dialogs are accepted."""
    context = chromium.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    if user is not None:
        sign_in(page, user)
    return page


def sign_in(page: Page, user: User, password: str = PASSWORD) -> None:
    page.goto("/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def resolve(page: Page, resolution: str = "Fixed at the source", notes: str = "Fixed and verified.") -> None:
    """Resolve the incident on its page: the resolve panel asks how and what was done."""
    panel = page.locator(".resolve-panel")
    panel.locator("summary").click()
    panel.get_by_label("Resolution").select_option(label=resolution)
    panel.get_by_label("What was done").fill(notes)
    page.get_by_role("button", name=re.compile(r"^Resolve INC")).click()
