from django.contrib import admin

from cmdb.models import CIClientAssignment, ConfigurationItem
from core.admin import ReadOnlyAdmin


@admin.register(ConfigurationItem)
class ConfigurationItemAdmin(ReadOnlyAdmin):
    list_display = ["ci_name", "ci_type", "environment", "operational_status", "responsible_owner"]
    list_filter = ["ci_type", "environment", "operational_status"]
    search_fields = ["ci_name"]
    list_select_related = ["responsible_owner"]


@admin.register(CIClientAssignment)
class CIClientAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["ci", "client", "created_at"]
    list_select_related = ["ci", "client"]
