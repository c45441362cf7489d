from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view

from core.api.views import WritableServiceViewSet
from sla import selectors, services
from sla.api.serializers import (
    SLAAgreementCreateInputSerializer,
    SLAAgreementSerializer,
    SLAAgreementUpdateInputSerializer,
)
from sla.filtersets import SLAAgreementFilterSet
from sla.models import SLAAgreement


@extend_schema_view(
    create=extend_schema(request=SLAAgreementCreateInputSerializer, responses={201: SLAAgreementSerializer}),
    partial_update=extend_schema(request=SLAAgreementUpdateInputSerializer, responses=SLAAgreementSerializer),
)
class SLAAgreementViewSet(WritableServiceViewSet):
    """SLA agreements: at most one active per client."""

    serializer_class = SLAAgreementSerializer
    input_serializers = {
        "create": SLAAgreementCreateInputSerializer,
        "partial_update": SLAAgreementUpdateInputSerializer,
    }
    filterset_class = SLAAgreementFilterSet
    ordering_fields = ["id", "effective_date", "created_at"]
    required_permissions = {
        "list": "sla.view",
        "retrieve": "sla.view",
        "create": "sla.manage",
        "partial_update": "sla.manage",
    }

    def get_queryset(self) -> QuerySet[SLAAgreement]:
        return selectors.sla_agreement_list(actor=self.actor)

    def service_create(self, data: dict[str, Any]) -> SLAAgreement:
        return services.sla_agreement_create(actor=self.actor, **data)

    def service_update(self, instance: SLAAgreement, data: dict[str, Any]) -> SLAAgreement:
        return services.sla_agreement_update(actor=self.actor, agreement=instance, data=data)
