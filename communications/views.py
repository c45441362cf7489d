"""The outbox page for administrators: what is waiting, what failed, and a resend for failures."""

from typing import Any

from django import forms
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView

from communications.models import OutboxMessage, OutboxStatus
from communications.outbox import outbox_resend
from core.views import PolicyRequiredMixin, ServiceActionView


class OutboxView(PolicyRequiredMixin, TemplateView):
    required_permission = "ops.view"
    template_name = "communications/outbox.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        unfinished = OutboxMessage.objects.filter(status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING])
        context["waiting"] = unfinished.order_by("created_at")[:200]
        context["failed"] = OutboxMessage.objects.filter(status=OutboxStatus.FAILED).order_by("-created_at")[:200]
        context["sent_count"] = OutboxMessage.objects.filter(status=OutboxStatus.SENT).count()
        return context


class ResendView(ServiceActionView):
    required_permission = "ops.view"
    form_class = forms.Form
    success_message = "Queued again."

    def redirect_url(self) -> str:
        return reverse("outbox")

    @transaction.atomic
    def perform(self, form: forms.Form) -> OutboxMessage:
        message = get_object_or_404(OutboxMessage, pk=self.kwargs["pk"], status=OutboxStatus.FAILED)
        outbox_resend(message=message)
        return message
