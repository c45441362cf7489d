from django.contrib import admin

from approvals.models import ApprovalRequest
from core.admin import ReadOnlyAdmin


@admin.register(ApprovalRequest)
class ApprovalRequestAdmin(ReadOnlyAdmin):
    list_display = ["requested_at", "reference_type", "reference_id", "requested_action", "approver", "status"]
    list_filter = ["reference_type", "status"]
    list_select_related = ["approver"]
