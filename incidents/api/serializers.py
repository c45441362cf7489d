from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.timewindow import happened
from incidents.choices import Category, EscalationStatus, IncidentStatus, Level, NoteType, ResolutionCode, Severity
from incidents.models import Attachment, Escalation, Incident, WorkNote
from incidents.severity import BOOLEAN_CRITERIA
from incidents.transitions import allowed_next


class SeverityAssessmentInputSerializer(serializers.Serializer):
    """The SOP 2.1 questions, named as in the reference environment; unanswered ones count as false."""

    affected_parties_count = serializers.IntegerField(min_value=0, required=False, default=0)

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        for name in BOOLEAN_CRITERIA:
            fields[name] = serializers.BooleanField(required=False, default=False)
        return fields


class SeverityAssessmentSerializer(serializers.Serializer):
    severity = serializers.ChoiceField(choices=Severity.choices)
    decided_by = serializers.ListField(child=serializers.CharField())
    reasons = serializers.ListField(child=serializers.CharField(), help_text="`decided_by` in plain words.")
    answers = serializers.DictField()


class IncidentSLASerializer(serializers.Serializer):
    client = serializers.IntegerField(source="client_id")
    tier = serializers.CharField()
    clock = serializers.CharField()
    response_due_at = serializers.DateTimeField()
    resolution_due_at = serializers.DateTimeField()
    response_breached = serializers.SerializerMethodField()
    resolution_breached = serializers.SerializerMethodField()

    def _breached(self, due: Any, met: Any) -> bool:
        return bool((met or timezone.now()) > due)

    def get_response_breached(self, obj: Any) -> bool:
        return self._breached(obj.response_due_at, obj.response_met_at)

    def get_resolution_breached(self, obj: Any) -> bool:
        return self._breached(obj.resolution_due_at, obj.resolution_met_at)


class IncidentSerializer(serializers.ModelSerializer[Incident]):
    configuration_items = serializers.SerializerMethodField()
    slas = IncidentSLASerializer(many=True, read_only=True)
    allowed_statuses = serializers.SerializerMethodField()
    resolution_code = serializers.SerializerMethodField(help_text="How it was resolved; null until it is.")

    class Meta:
        model = Incident
        fields = [
            "id", "incident_number", "title", "description", "category", "severity", "impact", "urgency", "status",
            "reported_by", "assigned_to", "assigned_at", "problem", "detection_time", "acknowledged_at", "resolved_at",
            "closed_at", "resolution_code", "resolution_notes", "severity_assessment", "configuration_items",
            "allowed_statuses", "slas", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_configuration_items(self, obj: Incident) -> list[int]:
        return sorted(link.ci_id for link in obj.ci_links.all())

    @extend_schema_field(serializers.ChoiceField(choices=ResolutionCode.choices, allow_null=True))
    def get_resolution_code(self, obj: Incident) -> str | None:
        return obj.resolution_code or None

    def get_allowed_statuses(self, obj: Incident) -> list[str]:
        return sorted(allowed_next(obj.status))


LIST_FIELDS = (
    "id", "incident_number", "title", "category", "severity", "impact", "urgency", "status", "reported_by",
    "assigned_to", "problem", "detection_time", "acknowledged_at", "resolved_at", "closed_at", "created_at",
    "updated_at",
)  # fmt: skip


class IncidentListSerializer(serializers.ModelSerializer[Incident]):
    """An incident as lists show it: its own columns, written as the detail writes them; the description,
    assessment, configuration items, SLA clocks and allowed moves are on the detail endpoint. (Documents the
    list; the rows are written from `.values()`.)"""

    class Meta:
        model = Incident
        fields = list(LIST_FIELDS)
        read_only_fields = fields


class IncidentCreateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    category = serializers.ChoiceField(choices=Category.choices)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)
    assessment = SeverityAssessmentInputSerializer(required=False)
    impact = serializers.ChoiceField(choices=Level.choices)
    urgency = serializers.ChoiceField(choices=Level.choices)
    reported_by = serializers.IntegerField(required=False, help_text="Defaults to the caller.")
    assigned_to = serializers.IntegerField(required=False, allow_null=True)
    problem = serializers.IntegerField(required=False, allow_null=True)
    detection_time = serializers.DateTimeField(
        validators=[happened],
    )
    configuration_items = serializers.ListField(child=serializers.IntegerField(), required=False)


class IncidentUpdateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(required=False)
    category = serializers.ChoiceField(choices=Category.choices, required=False)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)
    impact = serializers.ChoiceField(choices=Level.choices, required=False)
    urgency = serializers.ChoiceField(choices=Level.choices, required=False)
    assigned_to = serializers.IntegerField(required=False, allow_null=True)
    problem = serializers.IntegerField(required=False, allow_null=True)


class TransitionInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=IncidentStatus.choices)
    resolution_code = serializers.ChoiceField(
        choices=ResolutionCode.choices, required=False, help_text="Required when the status is `resolved`."
    )
    resolution_notes = serializers.CharField(
        required=False, max_length=5000, help_text="What was done; required when the status is `resolved`."
    )


class CILinkInputSerializer(serializers.Serializer):
    ci = serializers.IntegerField()


class TimelineEntrySerializer(serializers.Serializer):
    created_at = serializers.DateTimeField()
    actor = serializers.IntegerField(source="actor_id", allow_null=True)
    source = serializers.CharField()  # type: ignore[assignment]
    record_type = serializers.CharField()
    record_id = serializers.IntegerField()
    action = serializers.CharField()
    field_name = serializers.CharField()  # type: ignore[assignment]
    old_value = serializers.CharField(allow_null=True)
    new_value = serializers.CharField(allow_null=True)


class WorkNoteSerializer(serializers.ModelSerializer[WorkNote]):
    class Meta:
        model = WorkNote
        fields = ["id", "incident", "problem", "note_text", "note_type", "created_by", "created_at", "updated_at"]
        read_only_fields = fields


class WorkNoteCreateInputSerializer(serializers.Serializer):
    incident = serializers.IntegerField(required=False, allow_null=True)
    problem = serializers.IntegerField(required=False, allow_null=True)
    note_text = serializers.CharField()
    note_type = serializers.ChoiceField(choices=NoteType.choices, required=False, default=NoteType.PROGRESS_UPDATE)


class WorkNoteUpdateInputSerializer(serializers.Serializer):
    note_text = serializers.CharField(required=False)
    note_type = serializers.ChoiceField(choices=NoteType.choices, required=False)


class EscalationSerializer(serializers.ModelSerializer[Escalation]):
    class Meta:
        model = Escalation
        fields = [
            "id", "incident", "escalated_from", "escalated_to", "escalation_reason", "status", "requested_at",
            "responded_at",
        ]  # fmt: skip
        read_only_fields = fields


class EscalationCreateInputSerializer(serializers.Serializer):
    incident = serializers.IntegerField()
    escalated_to = serializers.IntegerField()
    escalation_reason = serializers.CharField()


class EscalationStatusInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=EscalationStatus.choices)


class AttachmentSerializer(serializers.ModelSerializer[Attachment]):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id", "reference_type", "reference_id", "file_name", "file_url", "file_type", "content_type",
            "file_size_bytes", "uploaded_by", "uploaded_at", "download_url",
        ]  # fmt: skip
        read_only_fields = fields

    def get_download_url(self, obj: Attachment) -> str | None:
        return f"/api/v1/attachments/{obj.pk}/download/" if obj.file else None


class AttachmentUploadInputSerializer(serializers.Serializer):
    incident = serializers.IntegerField()
    file = serializers.FileField()
