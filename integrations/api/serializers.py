"""Shapes of the integrations API: the sources, their alerts, and the bodies they take."""

from __future__ import annotations

from rest_framework import serializers

from integrations.choices import IntegrationKind
from integrations.models import Alert, Integration


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
