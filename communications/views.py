"""Communications pages: the public status page at /status/ (no sign-in) with its Atom feeds, posting an update
from an incident, and the outbox page where administrators see what waits or failed and resend failures."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.syndication.views import Feed
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.generic import TemplateView

from accounts.models import Client
from communications.forms import StatusUpdateForm
from communications.models import OutboxMessage, OutboxStatus, StatusUpdate
from communications.services.outbox import outbox_resend
from communications.services.status import status_update_post
from communications.status_page import HISTORY_DAYS, components, public_incidents
from communications.subscription_views import SubscribeForm
from core.permissions import PUBLIC, is_limited_to_client, scope
from core.views import PolicyRequiredMixin, ServiceActionView
from incidents.selectors import incident_get


def _client(client_id: int | None, user: Any) -> Client | None:
    """The client whose status page is asked for: one the visitor may see (staff: any; a contact: their own;
    anonymous: none), else 404 as if it did not exist. A contact's overall page is their client's page."""
    if client_id is None:
        own = getattr(user, "client_id", None)
        client_id = own if user.is_authenticated and is_limited_to_client(user) else None
    if client_id is None:
        return None
    return get_object_or_404(scope(Client.objects.filter(status="active"), user), pk=client_id)


class StatusPageView(TemplateView):
    """Overall, or for one client: what is affected now, each public update, and the last 90 days. The overall
    page is public; a client's page is for its contacts and the staff, and only the staff see the client list."""

    required_permission = PUBLIC
    template_name = "status/page.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        client = _client(self.kwargs.get("client_id"), user)
        incidents = public_incidents(client=client)
        context["components"] = components(incidents, client=client)
        context["subscribe_form"] = SubscribeForm()
        staff = user.is_authenticated and not is_limited_to_client(user)
        context.update(
            client=client,
            current=[item for item in incidents if item.current],
            history=[item for item in incidents if not item.current],
            history_days=HISTORY_DAYS,
            clients=Client.objects.filter(status="active").only("id", "client_name").order_by("client_name")
            if staff
            else Client.objects.none(),
            feed_url=reverse("status-client-feed", args=[client.pk]) if client else reverse("status-feed"),
        )
        return context


class StatusFeed(Feed):
    """Atom feed of public status updates."""

    required_permission = PUBLIC
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, client_id: int | None = None) -> Client | None:
        return _client(client_id, request.user)

    def title(self, obj: Client | None) -> str:
        return f"Tracer status - {obj.client_name}" if obj else "Tracer status"

    def link(self, obj: Client | None) -> str:
        return reverse("status-client", args=[obj.pk]) if obj else reverse("status")

    def subtitle(self, obj: Client | None) -> str:
        return "Incidents and their public updates"

    def items(self, obj: Client | None) -> list[StatusUpdate]:
        updates = [update for item in public_incidents(client=obj) for update in item.updates]
        return sorted(updates, key=lambda update: update.posted_at, reverse=True)[:100]

    def item_title(self, item: StatusUpdate) -> str:
        return f"{item.get_public_status_display()}: {item.headline}"

    def item_description(self, item: StatusUpdate) -> str:
        return item.message

    def item_link(self, item: StatusUpdate) -> str:
        return f"{reverse('status')}#incident-{item.incident_id}-update-{item.pk}"

    def item_pubdate(self, item: StatusUpdate) -> Any:
        return item.posted_at

    def item_updateddate(self, item: StatusUpdate) -> Any:
        return item.posted_at


class StatusUpdatePostView(ServiceActionView):
    """POST from the incident page: publish an update on the status page."""

    required_permission = "status.post"
    form_class = StatusUpdateForm
    success_message = "Published on the status page."

    def redirect_url(self) -> str:
        return reverse("workspace:incident-detail", args=[self.kwargs["pk"]])

    def perform(self, form: StatusUpdateForm) -> StatusUpdate:
        incident = incident_get(actor=self.actor, pk=self.kwargs["pk"])
        return status_update_post(actor=self.actor, incident=incident, **form.cleaned_data)


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
