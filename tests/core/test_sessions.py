"""Sessions are Django's database sessions, read by one composed statement: a signed-in page reads its session
once that way, an expired or unknown session signs nobody in, and signing out ends the session."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_page_reads_its_session_with_the_composed_statement(manager: User) -> None:
    client = _signed_in(manager)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/incidents/").status_code == 200
    (read,) = [query["sql"] for query in queries.captured_queries if "django_session" in query["sql"]]
    composed = 'SELECT "session_data", "expire_date" FROM "django_session" WHERE "session_key" = '
    assert read.startswith(f"{composed}'{client.session.session_key}' AND \"expire_date\" > ")


def test_the_store_answers_as_django_s(manager: User) -> None:
    client = _signed_in(manager)
    key = client.session.session_key
    stored = SessionStore(session_key=key)
    assert stored.load() == Session.objects.get(session_key=key).get_decoded()
    assert stored.session_key == key


@pytest.mark.parametrize("case", ["expired", "unknown"])
def test_an_expired_or_unknown_session_signs_nobody_in(manager: User, case: str) -> None:
    client = _signed_in(manager)
    key = client.session.session_key
    if case == "expired":
        Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    else:
        Session.objects.filter(session_key=key).delete()
    store = SessionStore(session_key=key)
    assert store.load() == {}
    assert store.session_key is None
    response = client.get("/incidents/")
    assert (response.status_code, response["Location"].split("?")[0]) == (302, "/login/")


def test_signing_out_ends_the_session(manager: User) -> None:
    client = _signed_in(manager)
    key = client.session.session_key
    client.post("/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/incidents/").status_code == 302
