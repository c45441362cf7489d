from typing import Any

from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from accounts import selectors, services
from accounts.filtersets import ClientFilterSet, UserFilterSet
from accounts.forms import ClientForm, LoginForm, UserCreateForm, UserUpdateForm
from accounts.grants import account_manage_allowed, account_manage_refusal
from accounts.models import Client, User
from accounts.services import CLIENT_FIELDS, USER_FIELDS
from core.permissions import PUBLIC, can
from core.views import FilteredListView, RecordDetailView, RecordFormView


class LoginView(auth_views.LoginView):
    required_permission = PUBLIC
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    required_permission = PUBLIC


class UserListView(FilteredListView):
    required_permission = "users.view"
    template_name = "accounts/user_list.html"
    filterset_class = UserFilterSet
    sortable = {"name": "last_name", "email": "email", "role": "role", "status": "status", "created": "created_at"}
    default_sort = "name"

    def base_queryset(self) -> QuerySet[User]:
        return selectors.user_list(actor=self.actor)


class UserDetailView(RecordDetailView):
    required_permission = "users.view"
    template_name = "accounts/user_detail.html"
    context_object_name = "person"

    def get_object(self) -> User:
        return selectors.user_get(actor=self.actor, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_edit"] = can(self.actor, "users.manage") and account_manage_allowed(self.actor, context["person"])
        return context


def _initial_of(instance: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in fields}


class UserCreateView(RecordFormView):
    required_permission = "users.manage"
    template_name = "accounts/user_form.html"
    form_class = UserCreateForm
    success_message = "User {obj.email} created."

    def perform(self, form: UserCreateForm) -> User:
        data = dict(form.cleaned_data)
        password = data.pop("password") or None
        return services.user_create(actor=self.actor, password=password, **data)


class UserUpdateView(RecordFormView):
    required_permission = "users.manage"
    template_name = "accounts/user_form.html"
    form_class = UserUpdateForm
    success_message = "User {obj.email} saved."

    def get_object(self) -> User:
        person = selectors.user_get(actor=self.actor, pk=self.kwargs["pk"])
        if (refusal := account_manage_refusal(self.actor, person)) is not None:
            raise PermissionDenied(refusal)
        return person

    def get_initial(self) -> dict[str, Any]:
        return _initial_of(self.instance, USER_FIELDS)

    def perform(self, form: UserUpdateForm) -> User:
        return services.user_update(actor=self.actor, user=self.instance, data=dict(form.cleaned_data))


class ClientListView(FilteredListView):
    required_permission = "clients.view"
    template_name = "accounts/client_list.html"
    filterset_class = ClientFilterSet
    sortable = {"name": "client_name", "coverage": "support_coverage", "status": "status", "created": "created_at"}
    default_sort = "name"

    def base_queryset(self) -> QuerySet[Client]:
        return selectors.client_list(actor=self.actor)


class ClientCreateView(RecordFormView):
    required_permission = "clients.manage"
    template_name = "accounts/client_form.html"
    form_class = ClientForm
    success_message = "Client {obj.client_name} created."

    def perform(self, form: ClientForm) -> Client:
        return services.client_create(actor=self.actor, **form.cleaned_data)


class ClientUpdateView(RecordFormView):
    required_permission = "clients.manage"
    template_name = "accounts/client_form.html"
    form_class = ClientForm
    success_message = "Client {obj.client_name} saved."

    def get_object(self) -> Client:
        return selectors.client_get(actor=self.actor, pk=self.kwargs["pk"])

    def get_initial(self) -> dict[str, Any]:
        return _initial_of(self.instance, CLIENT_FIELDS)

    def perform(self, form: ClientForm) -> Client:
        return services.client_update(actor=self.actor, client=self.instance, data=dict(form.cleaned_data))
