from django.contrib import admin

from communications.models import Communication, OutboxMessage, StatusUpdate
from core.admin import ReadOnlyAdmin


@admin.register(Communication)
class CommunicationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "communication_type", "incident", "problem", "recipient", "delivery_status"]
    list_filter = ["communication_type", "delivery_method", "delivery_status"]
    list_select_related = ["incident", "problem", "recipient"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "key", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    search_fields = ["key", "subject"]
    exclude = ["body_html"]


@admin.register(StatusUpdate)
class StatusUpdateAdmin(ReadOnlyAdmin):
    list_display = ["posted_at", "incident", "public_status", "headline"]
    list_filter = ["public_status"]
    list_select_related = ["incident"]
