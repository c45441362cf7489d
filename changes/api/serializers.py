from rest_framework import serializers

from changes.choices import ChangeStatus, ChangeType, RiskLevel, RollbackStatus
from changes.models import ChangeRequest, RollbackRequest
from core.timewindow import planned
from incidents.api.serializers import IncidentCreateInputSerializer


class ChangeSerializer(serializers.ModelSerializer[ChangeRequest]):
    class Meta:
        model = ChangeRequest
        fields = [
            "id", "change_number", "incident", "problem", "title", "description", "change_type", "risk_level",
            "requested_by", "approved_by", "status", "implementation_date", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class ChangeCreateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    change_type = serializers.ChoiceField(choices=ChangeType.choices)
    risk_level = serializers.ChoiceField(choices=RiskLevel.choices)
    incident = serializers.IntegerField(required=False, allow_null=True)
    problem = serializers.IntegerField(required=False, allow_null=True)
    approver = serializers.IntegerField(required=False, allow_null=True, help_text="The executive, for emergencies.")


class ChangeTransitionInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ChangeStatus.choices)
    implementation_date = serializers.DateTimeField(validators=[planned], required=False)


class RollbackSerializer(serializers.ModelSerializer[RollbackRequest]):
    class Meta:
        model = RollbackRequest
        fields = [
            "id", "rollback_number", "change", "incident", "title", "rollback_reason", "requested_by", "status",
            "executed_at", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class RollbackCreateInputSerializer(serializers.Serializer):
    change = serializers.IntegerField()
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    rollback_reason = serializers.CharField()
    incident = serializers.IntegerField(required=False, allow_null=True)
    new_incident = IncidentCreateInputSerializer(required=False, help_text="Open the incident the change caused.")


class RollbackTransitionInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=RollbackStatus.choices)
