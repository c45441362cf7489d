"""The first run: demo users on the sign-in page (embedded mode only) and in `load_demo_data`'s output, every
settings variable documented, and the site URL following the address the app listens on."""

import re
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from workspace.demo import DEMO_PASSWORD, demo_data_load

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_the_sign_in_page_lists_one_demo_user_per_role_in_embedded_mode(settings: Any) -> None:
    demo_data_load()
    settings.TRACER_SHOW_DEMO_LOGINS = True
    page = Client().get("/login/").content.decode()
    for role in ("System administrator", "Incident manager", "Technical support", "Account manager", "Executive",
                 "Client contact"):  # fmt: skip
        assert f"<td>{role}</td>" in page
    assert DEMO_PASSWORD in page
    assert "ada.okafor@tracer.example" in page
    settings.TRACER_SHOW_DEMO_LOGINS = False
    assert DEMO_PASSWORD not in Client().get("/login/").content.decode()


@pytest.mark.django_db
def test_load_demo_data_prints_the_users_of_each_role() -> None:
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    assert "priya.nair@tracer.example" in out.getvalue()
    assert "contact@northwind.example" in out.getvalue()


def test_every_settings_variable_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    names = set()
    for path in (ROOT / "config" / "settings").glob("*.py"):
        names |= set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z_]+)\"", path.read_text()))
    assert names, "no settings variables found"
    missing = sorted(name for name in names if f"`{name}`" not in readme)
    assert not missing, f"settings variables missing from the README: {missing}"


@pytest.mark.parametrize(("env", "expected"), [
    ({"TRACER_ADDR": "0.0.0.0:9100"}, "http://0.0.0.0:9100"),
    ({"TRACER_ADDR": "127.0.0.1:9100", "TRACER_SITE_URL": "https://desk.example"}, "https://desk.example"),
    ({}, "http://127.0.0.1:8000"),
])  # fmt: skip
def test_the_site_url_follows_the_address(env: dict[str, str], expected: str) -> None:
    clean = {key: value for key, value in __import__("os").environ.items() if not key.startswith("TRACER_")}
    answer = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; import django; django.setup(); "
         "print(settings.TRACER_SITE_URL)"],
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "config.settings.local"},
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert answer.stdout.strip() == expected
