"""Read-only admin pages: every write goes through a service, so the admin inspects and never edits."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from core.models import AuditRecord, NumberSequence, SchedulerHeartbeat


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditRecord)
class AuditRecordAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "record_type", "record_id", "action", "actor", "source"]
    list_filter = ["record_type", "action", "source"]
    search_fields = ["record_type", "changes"]
    list_select_related = ["actor"]


admin.site.register(NumberSequence, ReadOnlyAdmin)
admin.site.register(SchedulerHeartbeat, ReadOnlyAdmin)
admin.site.site_header = "Tracer administration"
