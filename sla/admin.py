from django.contrib import admin

from core.admin import ReadOnlyAdmin
from sla.models import BusinessCalendar, IncidentSLA, SLAAgreement, SLABreach


@admin.register(SLAAgreement)
class SLAAgreementAdmin(ReadOnlyAdmin):
    list_display = ["client", "tier", "support_coverage", "effective_date", "expiration_date", "status"]
    list_filter = ["tier", "support_coverage", "status"]
    list_select_related = ["client"]


@admin.register(IncidentSLA)
class IncidentSLAAdmin(ReadOnlyAdmin):
    list_display = ["incident", "client", "response_due_at", "resolution_due_at", "response_breached_at"]
    list_select_related = ["incident", "client"]


@admin.register(SLABreach)
class SLABreachAdmin(ReadOnlyAdmin):
    list_display = ["detected_at", "incident", "client", "kind", "stage", "due_at"]
    list_filter = ["kind", "stage"]
    list_select_related = ["incident", "client"]


admin.site.register(BusinessCalendar, ReadOnlyAdmin)
