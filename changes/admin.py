from django.contrib import admin

from changes.models import ChangeRequest, RollbackRequest
from core.admin import ReadOnlyAdmin


@admin.register(ChangeRequest)
class ChangeRequestAdmin(ReadOnlyAdmin):
    list_display = ["change_number", "title", "change_type", "risk_level", "status", "requested_by", "approved_by"]
    list_filter = ["change_type", "risk_level", "status"]
    search_fields = ["change_number", "title"]
    list_select_related = ["requested_by", "approved_by"]


@admin.register(RollbackRequest)
class RollbackRequestAdmin(ReadOnlyAdmin):
    list_display = ["rollback_number", "change", "incident", "status", "requested_by", "executed_at"]
    list_filter = ["status"]
    list_select_related = ["change", "incident", "requested_by"]
