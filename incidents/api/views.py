from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.inputs import valid
from core.api.lean import FIELDS_PARAM, record_written
from core.api.parsers import LimitedJSONParser
from core.api.sqljson import written_by_database
from core.api.views import PolicyAPIView, ServiceViewSet, WritableServiceViewSet
from core.audit import audit_entries
from core.errors import NotFound
from incidents import hooks, selectors, services
from incidents.api.documents import incident_document
from incidents.api.serializers import (
    AttachmentSerializer,
    AttachmentUploadInputSerializer,
    CILinkInputSerializer,
    EscalationCreateInputSerializer,
    EscalationSerializer,
    EscalationStatusInputSerializer,
    IncidentCreateInputSerializer,
    IncidentListSerializer,
    IncidentSerializer,
    IncidentUpdateInputSerializer,
    SeverityAssessmentInputSerializer,
    SeverityAssessmentSerializer,
    TimelineEntrySerializer,
    TransitionInputSerializer,
    WorkNoteCreateInputSerializer,
    WorkNoteSerializer,
    WorkNoteUpdateInputSerializer,
)
from incidents.choices import MAJOR_SEVERITIES
from incidents.filtersets import AttachmentFilterSet, EscalationFilterSet, IncidentFilterSet, WorkNoteFilterSet
from incidents.models import Attachment, Escalation, Incident, WorkNote
from incidents.severity import severity_assess
from incidents.transitions import allowed_next


class SeverityAssessmentView(PolicyAPIView):
    """SOP 2.1 step 1: answer the eight questions, get P1..P4 and the criteria that decided it."""

    required_permissions = {"post": "incidents.view"}

    @extend_schema(request=SeverityAssessmentInputSerializer, responses=SeverityAssessmentSerializer)
    def post(self, request: Request) -> Response:
        result = severity_assess(valid(SeverityAssessmentInputSerializer, request))
        return Response({**result.as_dict(), "reasons": result.reasons})


@extend_schema_view(
    list=extend_schema(
        responses=IncidentListSerializer(many=True),
        parameters=[OpenApiParameter(FIELDS_PARAM, str, description="Only these fields, comma-separated.")],
        description="Incidents as lists show them (the full record is `GET /api/v1/incidents/{id}/`).",
    ),
    create=extend_schema(request=IncidentCreateInputSerializer, responses={201: IncidentSerializer}),
    partial_update=extend_schema(request=IncidentUpdateInputSerializer, responses=IncidentSerializer),
)
class IncidentViewSet(WritableServiceViewSet):
    """Incidents (SOP 2): create (P1/P2 open their bridge), update, move through the lifecycle, link CIs."""

    lean_fields = {name: name for name in IncidentListSerializer.Meta.fields}
    lean_statement_kept = True
    serializer_class = IncidentSerializer
    input_serializers = {"create": IncidentCreateInputSerializer, "partial_update": IncidentUpdateInputSerializer}
    filterset_class = IncidentFilterSet
    ordering_fields = ["id", "incident_number", "detection_time", "severity", "status", "created_at"]
    required_permissions = {
        "list": "incidents.view",
        "retrieve": "incidents.view",
        "timeline": "audit.view",
        "create": "incidents.create",
        "partial_update": "incidents.update",
        "transition": "incidents.transition",
        "take_command": "incidents.command",
        "link_ci": "incidents.link_ci",
        "unlink_ci": "incidents.link_ci",
    }

    def get_queryset(self) -> QuerySet[Incident]:
        return selectors.incident_list(actor=self.actor).prefetch_related(*selectors.incident_parts(actor=self.actor))

    def lean_queryset(self) -> QuerySet[Incident]:
        return selectors.incident_list(actor=self.actor).select_related(None)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not written_by_database():
            return super().retrieve(request, *args, **kwargs)
        queryset = self.filter_queryset(self.lean_queryset())
        document = incident_document(
            queryset, actor=self.actor, pk=kwargs[self.lookup_field], reusable=not request.query_params
        )
        if document is None:
            raise Http404
        return Response(document)

    def service_create(self, data: dict[str, Any]) -> Incident:
        data.setdefault("reported_by", self.request.user)  # the caller, as authenticated: no second lookup
        incident = services.incident_create(actor=self.actor, **data)
        # Nothing but the incident's own row was written about it (no CI links, so no SLA clocks; not major, so no
        # bridge moving it on): the answer is built from what was written, without reading it back.
        self.alone = not data.get("configuration_items") and incident.severity not in MAJOR_SEVERITIES
        return incident

    def written(self, instance: Incident) -> dict[str, Any]:
        """The record as the detail writes it: from a create that wrote the row alone, as written; otherwise read
        back (one query where PostgreSQL writes it)."""
        if getattr(self, "alone", False):
            return _as_created(instance)
        if written_by_database():
            document = incident_document(self.lean_queryset(), actor=self.actor, pk=instance.pk, reusable=True)
            if document is not None:
                return document
        return super().written(instance)

    def service_update(self, instance: Incident, data: dict[str, Any]) -> Incident:
        return services.incident_update(actor=self.actor, incident=instance, data=data)

    def _respond(self, incident: Incident) -> Response:
        return Response(self.written(incident))

    @extend_schema(request=TransitionInputSerializer, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """Move the incident to another status; the allowed moves are listed in `allowed_statuses`."""
        data = valid(TransitionInputSerializer, request)
        return self._respond(services.incident_transition(actor=self.actor, incident=self.get_object(), **data))

    @extend_schema(request=None, responses=IncidentSerializer)
    @action(detail=True, methods=["post"], url_path="take-command")
    def take_command(self, request: Request, pk: str | None = None) -> Response:
        """An incident manager takes command of a P1/P2 that nobody holds; the first to ask holds it (409 after)."""
        return self._respond(services.incident_take_command(actor=self.actor, incident=self.get_object()))

    @extend_schema(request=CILinkInputSerializer, responses=IncidentSerializer)
    @action(detail=True, methods=["post"], url_path="link-ci")
    def link_ci(self, request: Request, pk: str | None = None) -> Response:
        incident = self.get_object()
        services.incident_link_ci(actor=self.actor, incident=incident, ci=valid(CILinkInputSerializer, request)["ci"])
        return self._respond(incident)

    @extend_schema(request=CILinkInputSerializer, responses=IncidentSerializer)
    @action(detail=True, methods=["post"], url_path="unlink-ci")
    def unlink_ci(self, request: Request, pk: str | None = None) -> Response:
        incident = self.get_object()
        services.incident_unlink_ci(actor=self.actor, incident=incident, ci=valid(CILinkInputSerializer, request)["ci"])
        return self._respond(incident)

    @extend_schema(responses=TimelineEntrySerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def timeline(self, request: Request, pk: str | None = None) -> Response:
        """Every audited change to the incident and its bridges, notes, escalations and attachments."""
        entries = audit_entries(selectors.incident_timeline(incident=self.get_object()))
        return Response(TimelineEntrySerializer(entries, many=True).data)


@extend_schema_view(
    create=extend_schema(request=WorkNoteCreateInputSerializer, responses={201: WorkNoteSerializer}),
    partial_update=extend_schema(request=WorkNoteUpdateInputSerializer, responses=WorkNoteSerializer),
)
class WorkNoteViewSet(WritableServiceViewSet):
    """Work notes (SOP 14) on one incident or problem; edits stay in the audit trail."""

    serializer_class = WorkNoteSerializer
    input_serializers = {"create": WorkNoteCreateInputSerializer, "partial_update": WorkNoteUpdateInputSerializer}
    filterset_class = WorkNoteFilterSet
    ordering_fields = ["id", "created_at"]
    required_permissions = {
        "list": "incidents.view",
        "retrieve": "incidents.view",
        "create": "incidents.note",
        "partial_update": "incidents.note",
    }

    def get_queryset(self) -> QuerySet[WorkNote]:
        return selectors.work_note_list(actor=self.actor)

    def service_create(self, data: dict[str, Any]) -> WorkNote:
        incident_id, problem_id = data.pop("incident", None), data.pop("problem", None)
        incident = selectors.incident_get(actor=self.actor, pk=incident_id) if incident_id else None
        problem = (
            hooks.problem_lookup(hooks.ProblemReference(value=problem_id, actor=self.actor)) if problem_id else None
        )
        return services.work_note_create(actor=self.actor, incident=incident, problem=problem, **data)

    def service_update(self, instance: WorkNote, data: dict[str, Any]) -> WorkNote:
        return services.work_note_update(actor=self.actor, note=instance, data=data)


class EscalationViewSet(ServiceViewSet, mixins.CreateModelMixin):
    """Escalations (SOPs 3 and 16): created pending, then approved, denied or cancelled once."""

    serializer_class = EscalationSerializer
    filterset_class = EscalationFilterSet
    ordering_fields = ["id", "requested_at"]
    required_permissions = {
        "list": "incidents.view",
        "retrieve": "incidents.view",
        "create": "incidents.escalate",
        "status": "incidents.view",  # the service decides: responders decide, requesters may cancel
    }

    def get_queryset(self) -> QuerySet[Escalation]:
        return selectors.escalation_list(actor=self.actor)

    @extend_schema(request=EscalationCreateInputSerializer, responses={201: EscalationSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = valid(EscalationCreateInputSerializer, request)
        incident = selectors.incident_get(actor=self.actor, pk=data.pop("incident"))
        escalation = services.escalation_create(actor=self.actor, incident=incident, **data)
        return Response(self.get_serializer(escalation).data, status=201)

    @extend_schema(request=EscalationStatusInputSerializer, responses=EscalationSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request: Request, pk: str | None = None) -> Response:
        """Approve, deny or cancel a pending escalation; the decision is noted on the incident."""
        status = valid(EscalationStatusInputSerializer, request)["status"]
        escalation = services.escalation_set_status(actor=self.actor, escalation=self.get_object(), status=status)
        return Response(self.get_serializer(escalation).data)


class AttachmentViewSet(ServiceViewSet, mixins.CreateModelMixin):
    """Attachments (SOP 15): upload a file to an incident, list metadata, download with a permission check."""

    serializer_class = AttachmentSerializer
    filterset_class = AttachmentFilterSet
    ordering_fields = ["id", "uploaded_at"]
    parser_classes = [MultiPartParser, FormParser, LimitedJSONParser]
    required_permissions = {
        "list": "incidents.view",
        "retrieve": "incidents.view",
        "download": "incidents.view",
        "create": "incidents.attach",
    }

    def get_queryset(self) -> QuerySet[Attachment]:
        return selectors.attachment_list(actor=self.actor)

    @extend_schema(
        request={"multipart/form-data": AttachmentUploadInputSerializer}, responses={201: AttachmentSerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = valid(AttachmentUploadInputSerializer, request)
        incident = selectors.incident_get(actor=self.actor, pk=data["incident"])
        attachment = services.attachment_upload(actor=self.actor, incident=incident, upload=data["file"])
        return Response(self.get_serializer(attachment).data, status=201)

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str | None = None) -> FileResponse:
        attachment = self.get_object()
        if not attachment.file:
            raise NotFound("Only its metadata was imported; the file is stored elsewhere.", code="file_not_stored")
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.file_name,
            content_type=attachment.content_type or "application/octet-stream",
        )


PLAIN_FIELDS = [
    name
    for name in IncidentSerializer.Meta.fields
    if name not in ("configuration_items", "slas", "allowed_statuses", "resolution_code")
]


def _as_created(incident: Incident) -> dict[str, Any]:
    """A new incident with no links, as the detail writes it (the fields in the detail's order)."""
    document = record_written(incident, PLAIN_FIELDS)
    document |= {"resolution_code": incident.resolution_code or None, "configuration_items": [], "slas": [],
                 "allowed_statuses": sorted(allowed_next(incident.status))}  # fmt: skip
    return {name: document[name] for name in IncidentSerializer.Meta.fields}
