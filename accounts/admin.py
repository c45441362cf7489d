from django.contrib import admin

from accounts.models import Client, User
from core.admin import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["email", "first_name", "last_name", "role", "status", "client", "is_staff"]
    list_filter = ["role", "status", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    list_select_related = ["client"]
    exclude = ["password"]


@admin.register(Client)
class ClientAdmin(ReadOnlyAdmin):
    list_display = ["client_name", "registration_number", "company_type", "support_coverage", "status"]
    list_filter = ["status", "support_coverage", "company_type"]
    search_fields = ["client_name", "registration_number"]
