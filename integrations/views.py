"""Integration pages: the sources (a new one shows its receiving address and configuration once), one source with
its rules and alerts (rotating the key shows the new address once), and the alerts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.generic import TemplateView

from core.errors import DomainError
from core.lookups import visible_get
from core.views import PolicyRequiredMixin, RecordDetailView, ServiceActionView, apply_domain_error
from integrations import selectors
from integrations.forms import IntegrationForm, RedeliverForm, RoutingForm, WebhookForm, WebhookSwitchForm
from integrations.models import Integration, WebhookSubscription
from integrations.services import integration_create, integration_rotate_key, integration_update, receiving_url
from integrations.services.webhooks import webhook_create, webhook_redeliver, webhook_update
from integrations.snippets import configuration_snippet


def _shown_once(request: HttpRequest, integration: Integration, key: str) -> HttpResponse:
    url = receiving_url(key)
    snippet = configuration_snippet(integration.kind, url)
    return render(
        request, "integrations/created.html", {"integration": integration, "receiving_url": url, "snippet": snippet}
    )


class IntegrationListView(PolicyRequiredMixin, TemplateView):
    required_permission = "integrations.view"
    template_name = "integrations/list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["integrations"] = list(selectors.integration_list(actor=self.actor))
        context.setdefault("form", IntegrationForm(actor=self.actor))
        return context


class ShownOnceCreateView(PolicyRequiredMixin, TemplateView):
    """A list page's creation form posts here: what is made holds a secret, shown once on its own page; a refusal
    shows the list again with the form and its errors."""

    required_permission = "integrations.manage"
    http_method_names = ["post"]
    form_class: type[forms.Form]

    def created(self, data: dict[str, Any]) -> HttpResponse:
        raise NotImplementedError

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.form_class(request.POST, actor=self.actor)  # type: ignore[call-arg]
        if form.is_valid():
            try:
                return self.created(form.cleaned_data)
            except DomainError as error:
                apply_domain_error(form, error)
        return self.render_to_response(self.get_context_data(form=form))


class IntegrationCreateView(ShownOnceCreateView, IntegrationListView):
    form_class = IntegrationForm

    def created(self, data: dict[str, Any]) -> HttpResponse:
        integration, key = integration_create(actor=self.actor, data=data)
        return _shown_once(self.request, integration, key)


class IntegrationDetailView(RecordDetailView):
    required_permission = "integrations.view"
    template_name = "integrations/detail.html"
    context_object_name = "integration"

    def get_object(self) -> Integration:
        return visible_get(selectors.integration_list(actor=self.actor), self.kwargs["pk"], noun="integration")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["alerts"] = list(selectors.alert_list(actor=self.actor).filter(integration=context["integration"])[:50])
        context["routing_form"] = RoutingForm(initial=RoutingForm.initial_for(context["integration"]))
        return context


class IntegrationRotateView(PolicyRequiredMixin, TemplateView):
    required_permission = "integrations.manage"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        integration = visible_get(selectors.integration_list(actor=self.actor), pk, noun="integration")
        integration, key = integration_rotate_key(actor=self.actor, integration=integration)
        return _shown_once(request, integration, key)


class WebhookListView(PolicyRequiredMixin, TemplateView):
    required_permission = "integrations.view"
    template_name = "integrations/webhooks.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["webhooks"] = [
            (hook, list(selectors.deliveries_of(hook)[:10])) for hook in selectors.webhook_list(actor=self.actor)
        ]
        context.setdefault("form", WebhookForm(actor=self.actor))
        return context


class WebhookCreateView(ShownOnceCreateView, WebhookListView):
    """The signing secret is shown once, with how to check a delivery's signature."""

    form_class = WebhookForm

    def created(self, data: dict[str, Any]) -> HttpResponse:
        subscription = webhook_create(actor=self.actor, data=data)
        return render(self.request, "integrations/webhook_created.html", {"hook": subscription})


class WebhookActionView(ServiceActionView):
    """An action on one subscription from the webhooks page, which it goes back to."""

    required_permission = "integrations.manage"

    def target(self) -> WebhookSubscription:
        return visible_get(selectors.webhook_list(actor=self.actor), self.kwargs["pk"], noun="webhook")

    def redirect_url(self) -> str:
        return reverse("integrations:webhooks") + f"#webhook-{self.kwargs['pk']}"


class WebhookEditView(WebhookActionView):
    """Turn a subscription off, or on again (its failure count starts anew)."""

    form_class = WebhookSwitchForm
    success_message = "Webhook to {result.url} turned {result.state}."

    def perform(self, form: WebhookSwitchForm) -> Any:
        return webhook_update(actor=self.actor, subscription=self.target(), data=form.cleaned_data)


class IntegrationEditView(ServiceActionView):
    required_permission = "integrations.manage"
    form_class = RoutingForm
    success_message = "{result.name} saved."

    def target(self) -> Integration:
        return visible_get(selectors.integration_list(actor=self.actor), self.kwargs["pk"], noun="integration")

    def redirect_url(self) -> str:
        return reverse("integrations:detail", args=[self.kwargs["pk"]])

    def perform(self, form: RoutingForm) -> Any:
        return integration_update(actor=self.actor, integration=self.target(), data=form.data_for_service())


class WebhookRedeliverView(WebhookActionView):
    """Send one delivery again from the webhooks page (its event id unchanged)."""

    form_class = RedeliverForm
    success_message = "Delivery {result.pk} is on its way again."

    def perform(self, form: RedeliverForm) -> Any:
        subscription = self.target()
        delivery = visible_get(selectors.deliveries_of(subscription), form.cleaned_data["delivery"], noun="delivery")
        return webhook_redeliver(actor=self.actor, subscription=subscription, delivery=delivery)


class AlertListView(PolicyRequiredMixin, TemplateView):
    required_permission = "integrations.view"
    template_name = "integrations/alerts.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        alerts = selectors.alert_list(actor=self.actor)
        status = self.request.GET.get("status", "")
        if status in ("firing", "resolved"):
            alerts = alerts.filter(status=status)
        context["alerts"], context["shown"] = list(alerts[:200]), status
        return context
