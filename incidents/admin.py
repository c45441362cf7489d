from django.contrib import admin

from core.admin import ReadOnlyAdmin
from incidents.models import Attachment, Escalation, Incident, IncidentCI, WorkNote


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdmin):
    list_display = ["incident_number", "title", "severity", "status", "assigned_to", "detection_time"]
    list_filter = ["severity", "status", "category"]
    search_fields = ["incident_number", "title"]
    list_select_related = ["assigned_to"]


@admin.register(WorkNote)
class WorkNoteAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "incident", "problem", "note_type", "created_by"]
    list_filter = ["note_type"]
    list_select_related = ["incident", "problem", "created_by"]


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdmin):
    list_display = ["requested_at", "incident", "escalated_to", "status"]
    list_filter = ["status"]
    list_select_related = ["incident", "escalated_to"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["file_name", "reference_type", "reference_id", "file_type", "file_size_bytes", "uploaded_by"]
    list_select_related = ["uploaded_by"]


admin.site.register(IncidentCI, ReadOnlyAdmin)
