"""The users and clients pages: lists with filters, details, forms that show the services' refusals."""

from typing import Any

import pytest

from accounts.models import User
from tests.accounts.factories import ClientContactFactory, ClientFactory, UserFactory
from tests.helpers import assert_unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(client: Any, admin_user: User) -> Any:
    client.force_login(admin_user)
    return client


def test_user_list_page_filters(browser: Any) -> None:
    UserFactory(first_name="Zelda", role="executive")
    UserFactory(first_name="Yusuf", role="technical_support")
    page = browser.get("/users/", {"role": "executive"}).content.decode()
    assert "Zelda" in page
    assert "Yusuf" not in page


def test_list_pages_run_a_fixed_number_of_queries(browser: Any, count_queries: Any) -> None:
    for _ in range(3):
        ClientContactFactory()
    before = {path: count_queries(lambda p=path: browser.get(p)) for path in ("/users/", "/clients/")}
    for _ in range(20):
        ClientContactFactory()
    after = {path: count_queries(lambda p=path: browser.get(p)) for path in ("/users/", "/clients/")}
    assert before == after


def test_user_detail_shows_history(browser: Any, admin_user: User) -> None:
    person = UserFactory(first_name="Pat")
    browser.post(
        f"/users/{person.pk}/edit/",
        {
            "first_name": "Patricia",
            "last_name": person.last_name,
            "email": person.email,
            "role": person.role,
            "timezone": "UTC",
            "status": "active",
        },
    )
    page = browser.get(f"/users/{person.pk}/").content.decode()
    assert "Patricia" in page
    assert "first_name" in page


def test_user_form_shows_the_service_refusal_on_the_field(browser: Any) -> None:
    data = {
        "first_name": "A",
        "last_name": "B",
        "email": "a.b@example.test",
        "role": "client_contact",
        "timezone": "UTC",
        "status": "active",
    }
    with assert_unchanged():
        response = browser.post("/users/new/", data)
    assert response.status_code == 200
    assert "Required for a client contact." in response.content.decode()


def test_user_form_creates_and_redirects(browser: Any) -> None:
    client = ClientFactory()
    data = {
        "first_name": "A",
        "last_name": "B",
        "email": "a.b@example.test",
        "role": "client_contact",
        "client": client.pk,
        "timezone": "Europe/Madrid",
        "status": "active",
    }
    response = browser.post("/users/new/", data)
    created = User.objects.get(email="a.b@example.test")
    assert response.status_code == 302
    assert response["Location"] == f"/users/{created.pk}/"


def test_pages_refuse_roles_without_the_action(client: Any) -> None:
    client.force_login(UserFactory(role="technical_support"))
    assert client.get("/users/new/").status_code == 403
    assert client.get("/system/").status_code == 403
    assert client.get("/users/").status_code == 200


def test_client_contact_cannot_open_another_clients_page(client: Any) -> None:
    contact = ClientContactFactory()
    other = ClientFactory()
    client.force_login(contact)
    assert client.get(f"/clients/{contact.client_id}/").status_code == 200
    assert client.get(f"/clients/{other.pk}/").status_code == 404


def test_refused_edit_pages_reveal_nothing(client: Any) -> None:
    client.force_login(UserFactory(role="technical_support"))
    assert client.get("/users/999999/edit/").status_code == 403
    assert client.get(f"/users/{UserFactory().pk}/edit/").status_code == 403
