"""Bridge actions from the incident page: open (SOP 4.1), add a participant (SOP 4.2), close (SOP 5)."""

from typing import Any

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.urls import reverse

from bridges import selectors, services
from bridges.forms import BridgeOpenForm, ParticipantForm
from bridges.models import Bridge
from core.views import ServiceActionView
from incidents.selectors import incident_get


class BridgeOpenView(ServiceActionView):
    required_permission = "bridges.manage"
    form_class = BridgeOpenForm
    success_message = "Bridge {result.bridge_number} opened."

    def redirect_url(self) -> str:
        return reverse("workspace:incident-detail", args=[self.kwargs["pk"]])

    def perform(self, form: BridgeOpenForm) -> Bridge:
        incident = incident_get(actor=self.actor, pk=self.kwargs["pk"])
        return services.bridge_open(
            actor=self.actor, incident=incident, bridge_type=form.cleaned_data.get("bridge_type") or None
        )


class BridgeActionView(ServiceActionView):
    def bridge(self) -> Bridge:
        if not hasattr(self, "_bridge"):
            self._bridge = get_object_or_404(selectors.bridge_list(actor=self.actor), pk=self.kwargs["pk"])
        return self._bridge

    def target(self) -> Bridge:
        return self.bridge()

    def redirect_url(self) -> str:
        return reverse("workspace:incident-detail", args=[self.bridge().incident_id])


class ParticipantAddView(BridgeActionView):
    required_permission = "bridges.manage"
    form_class = ParticipantForm
    success_message = "{result} joined the bridge."

    def perform(self, form: ParticipantForm) -> Any:
        user = form.cleaned_data["user"]
        services.bridge_add_participants(
            actor=self.actor, bridge=self.bridge(), participants=[(user, form.cleaned_data["role_in_bridge"])]
        )
        return user.full_name


class BridgeCloseView(BridgeActionView):
    required_permission = "bridges.manage"
    form_class = BridgeOpenForm  # no fields are needed: closing is the whole request

    def perform(self, form: BridgeOpenForm) -> Bridge:
        result = services.bridge_close(actor=self.actor, bridge=self.bridge())
        if result.closed:
            messages.success(self.request, f"Bridge {result.bridge.bridge_number} closed.")
        else:
            messages.warning(self.request, "Bridge already closed.")
        return result.bridge
