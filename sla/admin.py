from django.contrib import admin

from core.admin import ReadOnlyAdmin
from sla.models import SLAAgreement


@admin.register(SLAAgreement)
class SLAAgreementAdmin(ReadOnlyAdmin):
    list_display = ["client", "tier", "support_coverage", "effective_date", "expiration_date", "status"]
    list_filter = ["tier", "support_coverage", "status"]
    list_select_related = ["client"]
