from rest_framework import serializers

from communications.choices import CommunicationType, DeliveryMethod, RecipientType
from communications.models import Communication


class CommunicationSerializer(serializers.ModelSerializer[Communication]):
    class Meta:
        model = Communication
        fields = [
            "id", "incident", "problem", "communication_type", "recipient_type", "sender", "recipient",
            "delivery_method", "message_content", "delivery_status", "sent_at", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class CommunicationCreateInputSerializer(serializers.Serializer):
    incident = serializers.IntegerField(required=False, allow_null=True)
    problem = serializers.IntegerField(required=False, allow_null=True)
    communication_type = serializers.ChoiceField(choices=CommunicationType.choices)
    recipient_type = serializers.ChoiceField(choices=RecipientType.choices)
    delivery_method = serializers.ChoiceField(choices=DeliveryMethod.choices)
    recipient = serializers.IntegerField(required=False, allow_null=True)
    message_content = serializers.CharField()
