from typing import Any

from django.contrib.auth import authenticate
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.authtoken.models import Token
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import selectors, services
from accounts.api.serializers import (
    ClientInputSerializer,
    ClientSerializer,
    TokenInputSerializer,
    TokenSerializer,
    UserCreateInputSerializer,
    UserSerializer,
    UserUpdateInputSerializer,
)
from accounts.filtersets import ClientFilterSet, UserFilterSet
from accounts.models import Client, User
from core.api.inputs import valid
from core.api.views import PolicyAPIView, WritableServiceViewSet
from core.errors import DomainError
from core.permissions import PUBLIC


@extend_schema_view(
    create=extend_schema(request=UserCreateInputSerializer, responses={201: UserSerializer}),
    partial_update=extend_schema(request=UserUpdateInputSerializer, responses=UserSerializer),
)
class UserViewSet(WritableServiceViewSet):
    """Users (SOP 1): list and filter; create and update enforce the SOP 1 rules."""

    serializer_class = UserSerializer
    input_serializers = {"create": UserCreateInputSerializer, "partial_update": UserUpdateInputSerializer}
    filterset_class = UserFilterSet
    ordering_fields = ["id", "last_name", "email", "created_at"]
    required_permissions = {
        "list": "users.view",
        "retrieve": "users.view",
        "create": "users.manage",
        "partial_update": "users.manage",
    }

    def get_queryset(self) -> QuerySet[User]:
        return selectors.user_list(actor=self.actor)

    def service_create(self, data: dict[str, Any]) -> User:
        password = data.pop("password", None)
        return services.user_create(actor=self.actor, password=password, **data)

    def service_update(self, instance: User, data: dict[str, Any]) -> User:
        return services.user_update(actor=self.actor, user=instance, data=data)


@extend_schema_view(
    create=extend_schema(request=ClientInputSerializer, responses={201: ClientSerializer}),
    partial_update=extend_schema(request=ClientInputSerializer, responses=ClientSerializer),
)
class ClientViewSet(WritableServiceViewSet):
    """Clients: the organisations whose services and contacts Tracer supports."""

    serializer_class = ClientSerializer
    input_serializers = {"create": ClientInputSerializer, "partial_update": ClientInputSerializer}
    filterset_class = ClientFilterSet
    ordering_fields = ["id", "client_name", "created_at"]
    required_permissions = {
        "list": "clients.view",
        "retrieve": "clients.view",
        "create": "clients.manage",
        "partial_update": "clients.manage",
    }

    def get_queryset(self) -> QuerySet[Client]:
        return selectors.client_list(actor=self.actor)

    def service_create(self, data: dict[str, Any]) -> Client:
        return services.client_create(actor=self.actor, **data)

    def service_update(self, instance: Client, data: dict[str, Any]) -> Client:
        return services.client_update(actor=self.actor, client=instance, data=data)


class TokenView(PolicyAPIView):
    """Exchange an email and password for the user's API token."""

    authentication_classes: list[type] = []
    required_permissions = {"post": PUBLIC}
    throttle_scope = "auth"

    @extend_schema(request=TokenInputSerializer, responses=TokenSerializer)
    def post(self, request: Request) -> Response:
        given = valid(TokenInputSerializer, request)
        user = authenticate(request._request, username=given["email"].strip().lower(), password=given["password"])
        if user is None:
            raise DomainError("Wrong email or password, or the account is inactive.", code="invalid_credentials")
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key, "user": UserSerializer(user).data})
