from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from changes import selectors, services
from changes.api.serializers import (
    ChangeCreateInputSerializer,
    ChangeSerializer,
    ChangeTransitionInputSerializer,
    RollbackCreateInputSerializer,
    RollbackSerializer,
    RollbackTransitionInputSerializer,
)
from changes.filtersets import ChangeFilterSet, RollbackFilterSet
from changes.models import ChangeRequest, RollbackRequest
from core.api.inputs import valid
from core.api.views import ServiceViewSet


class ChangeViewSet(ServiceViewSet, mixins.CreateModelMixin):
    """Change requests (SOP 12); emergency changes ask their executive for approval when created."""

    serializer_class = ChangeSerializer
    filterset_class = ChangeFilterSet
    ordering_fields = ["id", "created_at", "implementation_date"]
    required_permissions = {
        "list": "changes.view",
        "retrieve": "changes.view",
        "create": "changes.request",
        "transition": "changes.manage",
    }

    def get_queryset(self) -> QuerySet[ChangeRequest]:
        return selectors.change_list(actor=self.actor)

    @extend_schema(request=ChangeCreateInputSerializer, responses={201: ChangeSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        change = services.change_create(actor=self.actor, **valid(ChangeCreateInputSerializer, request))
        return Response(self.get_serializer(self.get_queryset().get(pk=change.pk)).data, status=201)

    @extend_schema(request=ChangeTransitionInputSerializer, responses=ChangeSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """Schedule (with a date), approve (not emergencies), deny, implement (needs approval) or cancel."""
        change = services.change_transition(
            actor=self.actor, change=self.get_object(), **valid(ChangeTransitionInputSerializer, request)
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=change.pk)).data)


class RollbackViewSet(ServiceViewSet, mixins.CreateModelMixin):
    """Rollback requests (SOP 13) of implemented changes."""

    serializer_class = RollbackSerializer
    filterset_class = RollbackFilterSet
    ordering_fields = ["id", "created_at"]
    required_permissions = {
        "list": "changes.view",
        "retrieve": "changes.view",
        "create": "rollbacks.request",
        "transition": "rollbacks.manage",
    }

    def get_queryset(self) -> QuerySet[RollbackRequest]:
        return selectors.rollback_list(actor=self.actor)

    @extend_schema(request=RollbackCreateInputSerializer, responses={201: RollbackSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = valid(RollbackCreateInputSerializer, request)
        change = selectors.change_get(actor=self.actor, pk=data.pop("change"))
        new_incident = data.pop("new_incident", None)
        if new_incident is not None:
            new_incident.setdefault("reported_by", request.user.pk)
        rollback = services.rollback_create(actor=self.actor, change=change, new_incident=new_incident, **data)
        return Response(self.get_serializer(rollback).data, status=201)

    @extend_schema(request=RollbackTransitionInputSerializer, responses=RollbackSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """Approve a requested rollback; record an approved one executed or failed."""
        status = valid(RollbackTransitionInputSerializer, request)["status"]
        rollback = services.rollback_transition(actor=self.actor, rollback=self.get_object(), status=status)
        return Response(self.get_serializer(rollback).data)
