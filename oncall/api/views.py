"""`/api/v1/schedules/`, `/api/v1/escalation-policies/`, `/api/v1/on-call-pages/`."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.inputs import valid
from core.api.views import ServiceViewSet
from core.errors import InvalidInput
from oncall import selectors
from oncall.api.serializers import (
    OnCallSerializer,
    OverrideInputSerializer,
    OverrideSerializer,
    PageSerializer,
    PolicyInputSerializer,
    PolicySerializer,
    PolicyUpdateSerializer,
    ScheduleInputSerializer,
    ScheduleSerializer,
    ScheduleUpdateSerializer,
)
from oncall.filtersets import PageFilterSet
from oncall.models import EscalationPolicy, Page, Schedule
from oncall.services.pages import page_acknowledge
from oncall.services.policies import policy_create, policy_update
from oncall.services.schedules import on_call, override_create, schedule_create, schedule_update


class _CreateOnly(ServiceViewSet):
    """List, retrieve, and create from a whole body: the service checks all of it and names every problem
    (nested ones as `layers[0]`, `steps[1]`); the input serializer documents the body in the schema."""

    input_serializers: ClassVar[dict[str, type[serializers.Serializer]]]
    http_method_names = ["get", "post", "head", "options"]

    def create_from(self, body: Any) -> Any:
        raise NotImplementedError

    def update_from(self, instance: Any, body: Any) -> Any:
        raise NotImplementedError

    def _body(self) -> dict[str, Any]:
        if not isinstance(self.request.data, dict):
            raise InvalidInput("The body is a JSON object.", fields={"body": "A JSON object."})
        return self.request.data

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.create_from(self._body())
        return Response(self.get_serializer(self.get_queryset().get(pk=instance.pk)).data, status=201)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change the fields given; a list given (layers, steps, clients, items) replaces the old one whole."""
        instance = self.update_from(self.get_object(), self._body())
        return Response(self.get_serializer(self.get_queryset().get(pk=instance.pk)).data)


@extend_schema_view(
    create=extend_schema(request=ScheduleInputSerializer, responses={201: ScheduleSerializer}),
    partial_update=extend_schema(request=ScheduleUpdateSerializer, responses=ScheduleSerializer),
)
class ScheduleViewSet(_CreateOnly):
    """On-call schedules: layers of rotations (later layers above earlier ones), overrides, and who is on call."""

    serializer_class = ScheduleSerializer
    input_serializers = {"create": ScheduleInputSerializer}
    required_permissions = {
        "list": "oncall.view", "retrieve": "oncall.view", "create": "oncall.manage", "overrides": "oncall.manage",
        "on_call": "oncall.view", "partial_update": "oncall.manage",
    }  # fmt: skip
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Schedule]:
        return selectors.schedule_list(actor=self.actor)

    def create_from(self, body: Any) -> Schedule:
        return schedule_create(actor=self.actor, data=body)

    def update_from(self, instance: Any, body: Any) -> Schedule:
        return schedule_update(actor=self.actor, schedule=instance, data=body)

    @extend_schema(request=OverrideInputSerializer, responses={201: OverrideSerializer})
    @action(detail=True, methods=["post"])
    def overrides(self, request: Request, pk: str | None = None) -> Response:
        """Someone takes the schedule from `start` to `end`, whoever the layers say."""
        data = valid(OverrideInputSerializer, request)
        override = override_create(actor=self.actor, schedule=self.get_object(), **data)
        return Response(OverrideSerializer(override).data, status=201)

    @extend_schema(
        parameters=[OpenApiParameter("at", OpenApiTypes.DATETIME, description="ISO 8601 time; now by default")],
        responses=OnCallSerializer,
    )
    @action(detail=True, methods=["get"], url_path="on-call")
    def on_call(self, request: Request, pk: str | None = None) -> Response:
        """Who is on call at `at`, with the start and end of that answer."""
        raw = request.query_params.get("at")
        at = parse_datetime(raw) if raw else timezone.now()
        if at is None:
            raise InvalidInput("`at` is an ISO 8601 time.", fields={"at": "An ISO 8601 time."})
        if timezone.is_naive(at):
            at = timezone.make_aware(at)
        segment, people = on_call(self.get_object(), at)
        empty = not segment.users
        return Response(
            OnCallSerializer(
                {
                    "at": at,
                    "users": people,
                    "start": None if empty else segment.start,
                    "end": None if empty else segment.end,
                    "source": segment.source,
                }
            ).data
        )


@extend_schema_view(
    create=extend_schema(request=PolicyInputSerializer, responses={201: PolicySerializer}),
    partial_update=extend_schema(request=PolicyUpdateSerializer, responses=PolicySerializer),
)
class PolicyViewSet(_CreateOnly):
    """Escalation policies: ordered steps of targets, each with a wait; clients and items point to one."""

    serializer_class = PolicySerializer
    input_serializers = {"create": PolicyInputSerializer}
    required_permissions = {
        "list": "oncall.view", "retrieve": "oncall.view", "create": "oncall.manage", "partial_update": "oncall.manage",
    }  # fmt: skip
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[EscalationPolicy]:
        return selectors.policy_list(actor=self.actor)

    def create_from(self, body: Any) -> EscalationPolicy:
        return policy_create(actor=self.actor, data=body)

    def update_from(self, instance: Any, body: Any) -> EscalationPolicy:
        return policy_update(actor=self.actor, policy=instance, data=body)


class PageViewSet(ServiceViewSet):
    """Pages: who was paged for what, and whether someone acknowledged."""

    serializer_class = PageSerializer
    required_permissions = {"list": "oncall.view", "retrieve": "oncall.view", "acknowledge": "oncall.acknowledge"}
    filterset_class = PageFilterSet

    def get_queryset(self) -> QuerySet[Page]:
        return selectors.page_list(actor=self.actor)

    @extend_schema(request=None, responses=PageSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str | None = None) -> Response:
        """Take the page: it stops escalating. Only someone it was sent to (or who manages on-call) may."""
        page = page_acknowledge(actor=self.actor, page=self.get_object())
        return Response(self.get_serializer(selectors.page_list(actor=self.actor).get(pk=page.pk)).data)
