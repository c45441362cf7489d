"""Sign-in lockout, request throttles, security headers and the production configuration's refusals."""

import json
import os
import secrets
import subprocess
import sys
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from rest_framework.test import APIClient

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LIMIT = 5


def _fail_login(client: Any, email: str, address: str = "10.0.0.1") -> Any:
    return client.post("/login/", {"username": email, "password": "wrong-password"}, REMOTE_ADDR=address)


def test_an_account_is_locked_after_repeated_failures_everywhere(client: Any) -> None:
    person = UserFactory()
    for _ in range(LIMIT - 1):
        assert _fail_login(client, person.email).status_code == 200
    locked = _fail_login(client, person.email)
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    right = client.post("/login/", {"username": person.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert right.status_code == 429  # the right password does not help while the account is locked
    token = APIClient().post(
        "/api/v1/auth/token/", {"email": person.email, "password": PASSWORD}, format="json", REMOTE_ADDR="10.0.0.8"
    )
    assert (token.status_code, token.json()["code"]) == (429, "locked_out")
    assert int(token["Retry-After"]) > 0
    admin = client.post("/admin/login/", {"username": person.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.7")
    assert admin.status_code == 429


def test_an_address_is_locked_after_failures_on_several_accounts(client: Any) -> None:
    for number in range(LIMIT):
        _fail_login(client, f"nobody{number}@example.test", address="10.0.0.2")
    person = UserFactory()
    answer = client.post("/login/", {"username": person.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.2")
    assert answer.status_code == 429
    elsewhere = client.post("/login/", {"username": person.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.3")
    assert elsewhere.status_code == 302


def test_the_token_endpoint_counts_failures_too() -> None:
    person = UserFactory()
    api = APIClient()
    for _ in range(LIMIT - 1):
        wrong = api.post("/api/v1/auth/token/", {"email": person.email, "password": "nope-nope-nope"}, format="json")
        assert wrong.json()["code"] == "invalid_credentials"
    last = api.post("/api/v1/auth/token/", {"email": person.email, "password": "nope-nope-nope"}, format="json")
    assert (last.status_code, last.json()["code"]) == (429, "locked_out")


def test_an_administrator_unlocks_an_account(client: Any) -> None:
    person = UserFactory()
    for _ in range(LIMIT):
        _fail_login(client, person.email)
    call_command("axes_reset_username", person.email)
    answer = client.post("/login/", {"username": person.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.4")
    assert answer.status_code == 302


def test_a_successful_sign_in_clears_earlier_failures(client: Any) -> None:
    person = UserFactory()
    for _ in range(LIMIT - 1):
        _fail_login(client, person.email)
    assert (
        client.post("/login/", {"username": person.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.1").status_code
        == 302
    )
    client.logout()
    for _ in range(LIMIT - 1):
        assert _fail_login(client, person.email).status_code == 200


def _rates(settings: Any, **rates: str) -> None:
    caches["throttle"].clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "100000/min", "anon": "100000/min", "auth": "100000/min", **rates},
    }


def test_the_token_endpoint_is_throttled_per_address(settings: Any) -> None:
    _rates(settings, auth="3/min")
    address = f"10.1.{secrets.randbelow(250)}.{secrets.randbelow(250)}"
    api = APIClient()
    answers = [
        api.post(
            "/api/v1/auth/token/", {"email": "x@example.test", "password": "y"}, format="json", REMOTE_ADDR=address
        )
        for _ in range(4)
    ]
    assert [answer.status_code for answer in answers[:3]] == [400, 400, 400]
    assert (answers[3].status_code, answers[3].json()["code"]) == (429, "throttled")
    assert int(answers[3]["Retry-After"]) > 0


def test_signed_in_callers_are_throttled_per_user(settings: Any) -> None:
    _rates(settings, user="2/min")
    api = APIClient()
    api.force_authenticate(UserFactory(role="incident_manager"))
    statuses = [api.get("/api/v1/incidents/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    other = APIClient()
    other.force_authenticate(UserFactory(role="incident_manager"))
    assert other.get("/api/v1/incidents/").status_code == 200


def test_a_refused_caller_is_told_when_and_allowed_again_at_the_rate(settings: Any) -> None:
    """2/min: two at once, then one every 30 s; a refusal says how long to wait."""
    from unittest import mock

    _rates(settings, user="2/min")
    api = APIClient()
    api.force_authenticate(UserFactory(role="incident_manager"))
    clock = [1_000_000.0]
    with mock.patch("core.api.throttles._CurrentRates.timer", side_effect=lambda: clock[0]):
        assert [api.get("/api/v1/incidents/").status_code for _ in range(2)] == [200, 200]
        refused = api.get("/api/v1/incidents/")
        assert (refused.status_code, int(refused["Retry-After"])) == (429, 30)
        clock[0] += 29
        assert api.get("/api/v1/incidents/").status_code == 429
        clock[0] += 1
        assert api.get("/api/v1/incidents/").status_code == 200
        assert api.get("/api/v1/incidents/").status_code == 429


@pytest.mark.parametrize("path", ["/login/", "/api/v1/incidents/", "/status/"])
def test_every_answer_carries_the_security_headers(client: Any, path: str) -> None:
    answer = client.get(path)
    policy = answer["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["X-Frame-Options"] == "DENY"
    assert answer["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", ["/login/", "/api/v1/incidents/", "/api/docs/"])
def test_the_policy_kept_by_the_process_is_the_one_django_csp_writes(client: Any, path: str) -> None:
    """The site's policy is written once per process; a view that tailors it (the API documentation) still has
    its own, and a changed setting is followed."""
    from django.test import Client, override_settings

    def written(middleware: str) -> str:
        with override_settings(MIDDLEWARE=[m.replace("core.middleware.ContentSecurityPolicyMiddleware", middleware)
                                           for m in settings.MIDDLEWARE]):  # fmt: skip
            return str(Client().get(path)["Content-Security-Policy"])  # a new client loads the middleware

    ours, theirs = written("core.middleware.ContentSecurityPolicyMiddleware"), written("csp.middleware.CSPMiddleware")
    assert ours == theirs
    assert ("unsafe-inline" in ours) == (path == "/api/docs/")
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'none'"]}}):
        assert client.get(path)["Content-Security-Policy"].startswith("default-src 'none'")


def _production(code: str, secret: str) -> subprocess.CompletedProcess[str]:
    inherited = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secret,
        "DATABASE_URL": os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        "DJANGO_ALLOWED_HOSTS": "tracer.example.com,testserver",
    }
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


STRONG = secrets.token_urlsafe(64)


def test_production_settings_pass_the_deployment_check() -> None:
    run = _production(
        "from django.core.management import call_command; call_command('check', deploy=True, fail_level='WARNING')",
        STRONG,
    )
    assert run.returncode == 0, run.stderr
    assert "no issues" in run.stdout + run.stderr


def test_production_answers_carry_hsts_and_secure_cookies() -> None:
    probe = (
        "import json; from django.test import Client; "
        "answer = Client().get('/login/', secure=True, headers={'host': 'tracer.example.com'}); "
        "insecure = Client().get('/login/', headers={'host': 'tracer.example.com'}); "
        "print(json.dumps({'hsts': answer.get('Strict-Transport-Security'), 'status': answer.status_code, "
        "'redirect': insecure.status_code, 'secure_cookie': bool(answer.cookies['csrftoken']['secure'])}))"
    )
    run = _production(probe, STRONG)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert (seen["status"], seen["redirect"], seen["secure_cookie"]) == (200, 301, True)


@pytest.mark.parametrize("secret", ["change-me", "short-but-random-Xy7", "embedded-mode-not-secret-change-me" * 2])
def test_production_refuses_a_default_or_short_secret(secret: str) -> None:
    run = _production("print('started')", secret)
    assert run.returncode != 0
    assert "DJANGO_SECRET_KEY must be a random value" in run.stderr
