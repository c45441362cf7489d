from rest_framework import serializers

from bridges.choices import BridgeType, ParticipantRole
from bridges.models import Bridge, BridgeParticipant


class BridgeParticipantSerializer(serializers.ModelSerializer[BridgeParticipant]):
    class Meta:
        model = BridgeParticipant
        fields = ["id", "bridge", "user", "role_in_bridge", "joined_at", "left_at"]
        read_only_fields = fields


class BridgeSerializer(serializers.ModelSerializer[Bridge]):
    participants = BridgeParticipantSerializer(many=True, read_only=True)

    class Meta:
        model = Bridge
        fields = [
            "id", "bridge_number", "incident", "bridge_type", "bridge_host", "start_time", "end_time", "status",
            "created_at", "participants",
        ]  # fmt: skip
        read_only_fields = fields


class BridgeCreateInputSerializer(serializers.Serializer):
    incident = serializers.IntegerField()
    bridge_type = serializers.ChoiceField(
        choices=BridgeType.choices, required=False, help_text="Always major_incident for P1 and P2."
    )


class ParticipantCreateInputSerializer(serializers.Serializer):
    bridge = serializers.IntegerField()
    user = serializers.IntegerField()
    role_in_bridge = serializers.ChoiceField(choices=ParticipantRole.choices)
