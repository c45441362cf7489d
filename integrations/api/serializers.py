"""Shapes of the integrations API: the sources, their alerts, and the bodies they take."""

from __future__ import annotations

from rest_framework import serializers

from communications.models import OutboxMessage
from integrations.choices import IntegrationKind
from integrations.models import Alert, Integration, WebhookSubscription
from integrations.services.webhooks import EVENTS


class IntegrationSerializer(serializers.ModelSerializer[Integration]):
    class Meta:
        model = Integration
        fields = ["id", "name", "kind", "client", "rules", "policy", "auto_resolve", "rate_per_minute", "enabled",
                  "created_at"]  # fmt: skip
        read_only_fields = fields


class IntegrationCreatedSerializer(IntegrationSerializer):
    url = serializers.URLField(help_text="The receiving address, holding the secret key: shown this once.")

    class Meta(IntegrationSerializer.Meta):
        fields = [*IntegrationSerializer.Meta.fields, "url"]
        read_only_fields = fields


class IntegrationInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    kind = serializers.ChoiceField(choices=IntegrationKind.choices)
    client = serializers.IntegerField(required=False, allow_null=True)
    rules = serializers.DictField(required=False, help_text="routing rules; see the README's Alerts section")
    policy = serializers.IntegerField(required=False, allow_null=True, help_text="an escalation policy to page")
    auto_resolve = serializers.BooleanField(required=False)
    rate_per_minute = serializers.IntegerField(required=False, min_value=1)


class IntegrationUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120, required=False)
    client = serializers.IntegerField(required=False, allow_null=True)
    rules = serializers.DictField(required=False)
    policy = serializers.IntegerField(required=False, allow_null=True)
    auto_resolve = serializers.BooleanField(required=False)
    rate_per_minute = serializers.IntegerField(required=False, min_value=1)
    enabled = serializers.BooleanField(required=False)


class AlertSerializer(serializers.ModelSerializer[Alert]):
    class Meta:
        model = Alert
        fields = [
            "id", "integration", "fingerprint", "group_key", "status", "title", "severity", "labels", "annotations",
            "source_url", "count", "first_seen", "last_seen", "resolved_at", "incident",
        ]  # fmt: skip
        read_only_fields = fields


class IntakeSerializer(serializers.Serializer):
    received = serializers.IntegerField()
    new = serializers.IntegerField()
    repeats = serializers.IntegerField()
    resolved = serializers.IntegerField()
    incidents = serializers.ListField(child=serializers.CharField(), help_text="incident numbers touched")


class WebhookSerializer(serializers.ModelSerializer[WebhookSubscription]):
    class Meta:
        model = WebhookSubscription
        fields = ["id", "url", "events", "client", "enabled", "failures", "disabled_reason", "created_at"]
        read_only_fields = fields


class WebhookCreatedSerializer(WebhookSerializer):
    secret = serializers.CharField(help_text="The signing secret (Standard Webhooks, whsec_...): shown this once.")

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class WebhookInputSerializer(serializers.Serializer):
    url = serializers.URLField()
    events = serializers.ListField(child=serializers.ChoiceField(choices=list(EVENTS)))
    client = serializers.IntegerField(required=False, allow_null=True)


class WebhookUpdateSerializer(serializers.Serializer):
    url = serializers.URLField(required=False)
    events = serializers.ListField(child=serializers.ChoiceField(choices=list(EVENTS)), required=False)
    enabled = serializers.BooleanField(
        required=False, help_text="Turning a disabled subscription on again starts its failure count anew."
    )


class DeliverySerializer(serializers.ModelSerializer[OutboxMessage]):
    event = serializers.CharField(source="subject")
    webhook_id = serializers.SerializerMethodField()

    class Meta:
        model = OutboxMessage
        fields = ["id", "event", "webhook_id", "status", "attempts", "last_error", "created_at", "next_attempt_at",
                  "sent_at"]  # fmt: skip
        read_only_fields = fields

    def get_webhook_id(self, message: OutboxMessage) -> str:
        """The stable id of the event (the `webhook-id` header)."""
        return str(message.payload.get("id", ""))


class RedeliverInputSerializer(serializers.Serializer):
    delivery = serializers.IntegerField()
