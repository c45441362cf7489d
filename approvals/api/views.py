"""The approvals API: request (SOP 20), list and filter, and decide (SOP 19)."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from approvals import selectors, services
from approvals.choices import ApprovalStatus, ReferenceType
from approvals.filtersets import ApprovalFilterSet
from approvals.models import ApprovalRequest
from core.api.inputs import valid
from core.api.views import ServiceViewSet


class ApprovalSerializer(serializers.ModelSerializer[ApprovalRequest]):
    class Meta:
        model = ApprovalRequest
        fields = [
            "id", "reference_type", "reference_id", "requested_action", "requested_by", "approver", "status",
            "requested_at", "responded_at",
        ]  # fmt: skip
        read_only_fields = fields


class ApprovalCreateInputSerializer(serializers.Serializer):
    reference_type = serializers.ChoiceField(choices=ReferenceType.choices)
    reference_id = serializers.IntegerField()
    approver = serializers.IntegerField()


class DecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=[ApprovalStatus.APPROVED, ApprovalStatus.DENIED])


class ApprovalViewSet(ServiceViewSet, mixins.CreateModelMixin):
    """Approval requests; `?mine=true&status=pending` is the caller's inbox."""

    serializer_class = ApprovalSerializer
    filterset_class = ApprovalFilterSet
    ordering_fields = ["id", "requested_at"]
    required_permissions = {
        "list": "approvals.view",
        "retrieve": "approvals.view",
        "create": "approvals.request",
        "decision": "approvals.decide",
    }

    def get_queryset(self) -> QuerySet[ApprovalRequest]:
        return selectors.approval_list(actor=self.actor)

    @extend_schema(request=ApprovalCreateInputSerializer, responses={201: ApprovalSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        approval = services.approval_request_create(actor=self.actor, **valid(ApprovalCreateInputSerializer, request))
        return Response(self.get_serializer(approval).data, status=201)

    @extend_schema(request=DecisionInputSerializer, responses=ApprovalSerializer)
    @action(detail=True, methods=["post"])
    def decision(self, request: Request, pk: str | None = None) -> Response:
        """The named approver approves or denies; the effect reaches the record in the same transaction."""
        decision = valid(DecisionInputSerializer, request)["decision"]
        approval = services.approval_decide(actor=self.actor, approval=self.get_object(), decision=decision)
        return Response(self.get_serializer(approval).data)
