from django.contrib import admin

from integrations.models import Alert, Integration


@admin.register(Integration)
class IntegrationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "client", "enabled"]
    exclude = ["key_hash"]


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["title", "integration", "status", "count", "last_seen"]
    list_filter = ["status"]
