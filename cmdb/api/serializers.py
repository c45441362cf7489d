from rest_framework import serializers

from cmdb.choices import CIType, Environment, OperationalStatus
from cmdb.models import ConfigurationItem


class ConfigurationItemSerializer(serializers.ModelSerializer[ConfigurationItem]):
    clients = serializers.SerializerMethodField()

    class Meta:
        model = ConfigurationItem
        fields = [
            "id",
            "ci_name",
            "ci_type",
            "environment",
            "operational_status",
            "responsible_owner",
            "clients",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_clients(self, obj: ConfigurationItem) -> list[int]:
        return sorted(a.client_id for a in obj.assignments.all())


class ConfigurationItemCreateInputSerializer(serializers.Serializer):
    ci_name = serializers.CharField(max_length=120)
    ci_type = serializers.ChoiceField(choices=CIType.choices)
    environment = serializers.ChoiceField(choices=Environment.choices)
    operational_status = serializers.ChoiceField(choices=OperationalStatus.choices, required=False)
    responsible_owner = serializers.IntegerField()


class ConfigurationItemUpdateInputSerializer(ConfigurationItemCreateInputSerializer):
    ci_name = serializers.CharField(max_length=120, required=False)
    ci_type = serializers.ChoiceField(choices=CIType.choices, required=False)
    environment = serializers.ChoiceField(choices=Environment.choices, required=False)
    responsible_owner = serializers.IntegerField(required=False)


class ClientAssignmentInputSerializer(serializers.Serializer):
    client = serializers.IntegerField()
