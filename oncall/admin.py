from django.contrib import admin

from oncall.models import EscalationPolicy, Page, Schedule


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    list_display = ["name", "client", "time_zone"]


@admin.register(EscalationPolicy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ["name", "repeats"]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["summary", "source", "status", "step", "round", "created_at"]
    list_filter = ["status", "source"]
