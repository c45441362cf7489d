from django.contrib import admin

from core.admin import ReadOnlyAdmin
from reports.models import IncidentReport, PostIncidentReview, RootCauseAnalysis


@admin.register(RootCauseAnalysis)
class RootCauseAnalysisAdmin(ReadOnlyAdmin):
    list_display = ["rca_number", "incident", "problem", "analysis_method", "status", "assigned_to"]
    list_filter = ["analysis_method", "status"]
    search_fields = ["rca_number"]
    list_select_related = ["incident", "problem", "assigned_to"]


@admin.register(PostIncidentReview)
class PostIncidentReviewAdmin(ReadOnlyAdmin):
    list_display = ["incident", "scheduled_date", "facilitator", "status"]
    list_filter = ["status"]
    list_select_related = ["incident", "facilitator"]


@admin.register(IncidentReport)
class IncidentReportAdmin(ReadOnlyAdmin):
    list_display = ["report_number", "report_title", "incident", "report_type", "report_status"]
    list_filter = ["report_type", "report_status"]
    search_fields = ["report_number", "report_title"]
    list_select_related = ["incident"]
