from django.contrib import admin

from bridges.models import Bridge, BridgeParticipant
from core.admin import ReadOnlyAdmin


@admin.register(Bridge)
class BridgeAdmin(ReadOnlyAdmin):
    list_display = ["bridge_number", "incident", "bridge_type", "status", "bridge_host", "start_time", "end_time"]
    list_filter = ["bridge_type", "status"]
    search_fields = ["bridge_number"]
    list_select_related = ["incident", "bridge_host"]


@admin.register(BridgeParticipant)
class BridgeParticipantAdmin(ReadOnlyAdmin):
    list_display = ["bridge", "user", "role_in_bridge", "joined_at", "left_at"]
    list_filter = ["role_in_bridge"]
    list_select_related = ["bridge", "user"]
