from django.contrib import admin

from core.admin import ReadOnlyAdmin
from response.models import ActionItem, PhaseRecord


@admin.register(PhaseRecord)
class PhaseRecordAdmin(ReadOnlyAdmin):
    list_display = ["incident", "phase", "status", "author", "reviewer", "reviewed_at"]
    list_filter = ["phase", "status"]
    list_select_related = ["incident", "author", "reviewer"]


@admin.register(ActionItem)
class ActionItemAdmin(ReadOnlyAdmin):
    list_display = ["title", "incident", "owner", "priority", "due_date", "status"]
    list_filter = ["status", "priority", "horizon"]
    list_select_related = ["incident", "owner"]
