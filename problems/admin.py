from django.contrib import admin

from core.admin import ReadOnlyAdmin
from problems.models import Problem, ProblemCI


@admin.register(Problem)
class ProblemAdmin(ReadOnlyAdmin):
    list_display = ["problem_number", "title", "category", "status", "assigned_to", "detected_at"]
    list_filter = ["status", "category"]
    search_fields = ["problem_number", "title"]
    list_select_related = ["assigned_to"]


admin.site.register(ProblemCI, ReadOnlyAdmin)
