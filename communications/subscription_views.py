"""The status page's email subscription: ask (public form), confirm and unsubscribe (links from the emails,
each a page with one button, so a mail scanner that follows links changes nothing)."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from communications.models import StatusSubscription
from communications.services.subscriptions import subscription_cancel, subscription_confirm, subscription_request
from core.errors import NotFound
from core.permissions import PUBLIC
from core.views import ServiceActionView


class SubscribeForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254)


class SubscribeView(ServiceActionView):
    required_permission = PUBLIC
    form_class = SubscribeForm
    success_message = "Check your inbox: the subscription starts when you confirm it from the email we sent."

    def redirect_url(self) -> str:
        return reverse("status") + "#subscribe"

    def perform(self, form: SubscribeForm) -> None:
        subscription_request(email=form.cleaned_data["email"])


class _TokenView(ServiceActionView):
    """GET shows what the button will do; POST does it."""

    required_permission = PUBLIC
    http_method_names = ["get", "post"]
    form_class = forms.Form
    confirming: ClassVar[bool]

    def subscription(self) -> StatusSubscription:
        found = StatusSubscription.objects.filter(token=self.kwargs["token"]).first()
        if found is None:
            raise NotFound("This link is not valid any more; subscribe again from the status page.")
        return found

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return render(
            request,
            "status/subscription.html",
            {"subscription": self.subscription(), "confirming": self.confirming},
        )

    def target(self) -> StatusSubscription:
        return self.subscription()

    def redirect_url(self) -> str:
        return reverse("status")


class ConfirmView(_TokenView):
    confirming = True
    success_message = "Subscribed: status updates will come to {result.email}."

    def perform(self, form: forms.Form) -> StatusSubscription:
        return subscription_confirm(token=self.kwargs["token"])


class CancelView(_TokenView):
    confirming = False
    success_message = "Unsubscribed: no more status emails will go to {result.email}."

    def perform(self, form: forms.Form) -> StatusSubscription:
        return subscription_cancel(token=self.kwargs["token"])
