"""Base API views: they give services an Actor and declare their actions for the policy."""

from typing import Any, ClassVar

from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.actor import Actor
from core.api.inputs import valid
from core.api.lean import LeanListMixin


class ActorMixin:
    """`self.actor`: the request's user acting through the API."""

    @property
    def actor(self) -> Actor:
        return Actor.api(self.request.user)  # type: ignore[attr-defined]


class PolicyAPIView(ActorMixin, APIView):
    required_permissions: ClassVar[dict[str, str]] = {}


class RecordFirstMixin:
    """On a detail route, the record is looked up (in the actor's scope) before the body is read: a record the
    actor may not see answers 404 whatever the body, exactly as one that does not exist."""

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        method = (request.method or "").lower()
        writes = method not in ("get", "head", "options") and getattr(self, method, None) is not None
        if getattr(self, "detail", False) and writes:
            self.get_object()  # type: ignore[attr-defined]


class ReadOnlyViewSet(ActorMixin, RecordFirstMixin, LeanListMixin, viewsets.ReadOnlyModelViewSet):
    required_permissions: ClassVar[dict[str, str]] = {}


class ServiceViewSet(
    ActorMixin,
    RecordFirstMixin,
    LeanListMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """List and retrieve come from the selectors; create and update are written per resource over services."""

    required_permissions: ClassVar[dict[str, str]] = {}


class WritableServiceViewSet(ServiceViewSet):
    """Adds create and partial update, each shaped by an input serializer and carried out by a service."""

    input_serializers: ClassVar[dict[str, type[serializers.Serializer]]]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def service_create(self, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def service_update(self, instance: Any, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def _input(self, *, partial: bool) -> dict[str, Any]:
        return valid(self.input_serializers[self.action], self.request, partial=partial)

    def written(self, instance: Any) -> Any:
        """What a write answers: the record read back as the detail writes it."""
        return self.get_serializer(self.get_queryset().get(pk=instance.pk)).data

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.service_create(self._input(partial=False))
        return Response(self.written(instance), status=201)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.service_update(self.get_object(), self._input(partial=True))
        return Response(self.written(instance))
