"""Fixtures shared by every test: actors of each role, API clients with tokens, query-count helpers."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import User
from core.actor import Actor
from core.models import AuditRecord
from tests.accounts.factories import UserFactory


@pytest.fixture
def admin_user(db: None) -> User:
    return UserFactory(role="system_administrator", is_staff=True, is_superuser=True)


@pytest.fixture
def manager(db: None) -> User:
    return UserFactory(role="incident_manager")


@pytest.fixture
def support(db: None) -> User:
    return UserFactory(role="technical_support")


@pytest.fixture
def account_manager(db: None) -> User:
    return UserFactory(role="account_manager")


@pytest.fixture
def executive(db: None) -> User:
    return UserFactory(role="executive")


@pytest.fixture
def admin_actor(admin_user: User) -> Actor:
    return Actor.web(admin_user)


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def api_as(db: None) -> Callable[[User], APIClient]:
    """An API client authenticated with the given user's token, as an integration would be."""

    def make(user: User) -> APIClient:
        token, _ = Token.objects.get_or_create(user=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def audit_count(db: None) -> Callable[[], int]:
    return lambda: AuditRecord.objects.count()


@pytest.fixture
def count_queries() -> Callable[[Callable[[], object]], int]:
    """Run a callable and return how many SQL queries it issued."""

    def run(call: Callable[[], object]) -> int:
        with CaptureQueriesContext(connection) as captured:
            call()
        return len(captured.captured_queries)

    return run


@pytest.fixture(autouse=True)
def _media_root(tmp_path_factory: pytest.TempPathFactory, settings: object) -> None:
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture(autouse=True)
def _fresh_estimates() -> None:
    """A process keeps a list's estimated size for a minute: each test plans its own."""
    from core.views import forget_estimates

    forget_estimates()


@pytest.fixture(scope="session", autouse=True)
def _pages_report_their_context() -> Iterator[None]:
    """The test client's `response.context` for pages: the pages' engine reports each render (with everything its
    context processors added) as Django's test environment makes its own engine report it."""
    from django.test.signals import template_rendered
    from jinja2 import Template

    render = Template.render

    def reporting(self: Template, *args: Any, **kwargs: Any) -> str:
        template_rendered.send(sender=self, template=self, context=dict(*args, **kwargs))
        return render(self, *args, **kwargs)

    Template.render = reporting  # type: ignore[method-assign]
    yield
    Template.render = render  # type: ignore[method-assign]
