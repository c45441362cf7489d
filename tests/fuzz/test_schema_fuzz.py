"""Property-based fuzz of the whole OpenAPI schema (schemathesis): every operation, as an administrator and as a
client contact, with a bounded number of generated requests each. No 5xx, no answer outside the schema, no
status the schema does not document.

Every check runs except `positive_data_acceptance`: it expects any schema-valid body to succeed, while the rule
book refuses many of them on purpose (an approver who asked for the change, an incident that is not resolved...)
with 400 and the rule's code; those answers are documented and checked by the other checks."""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import positive_data_acceptance

from tests.accounts.factories import ClientContactFactory, UserFactory
from tests.cmdb.factories import AssignmentFactory
from tests.incidents.factories import IncidentFactory

EXAMPLES = int(os.environ.get("TRACER_FUZZ_EXAMPLES", "10"))
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Any:
    """Requests go through the WSGI handler, which closes database connections when a request ends; the test's
    transaction needs its connection kept, as Django's own test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=["administrator", "contact"])
def token(request: Any, db: None) -> str:
    if request.param == "administrator":
        person = UserFactory(role="system_administrator", is_staff=True, is_superuser=True)
    else:
        person = ClientContactFactory()
        ci = AssignmentFactory(client=person.client).ci
        IncidentFactory(reported_by=person).ci_links.create(ci=ci)
    return Token.objects.create(user=person).key


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_holds_its_contract(case: Any, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, excluded_checks=[positive_data_acceptance])
