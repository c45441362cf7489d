from rest_framework import serializers

from core.timewindow import planned
from sla.choices import AgreementStatus, SLATier, SupportCoverage
from sla.models import SLAAgreement


class SLAAgreementSerializer(serializers.ModelSerializer[SLAAgreement]):
    class Meta:
        model = SLAAgreement
        fields = [
            "id",
            "client",
            "tier",
            "support_coverage",
            "effective_date",
            "expiration_date",
            "status",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class SLAAgreementCreateInputSerializer(serializers.Serializer):
    client = serializers.IntegerField()
    tier = serializers.ChoiceField(choices=SLATier.choices)
    support_coverage = serializers.ChoiceField(choices=SupportCoverage.choices)
    effective_date = serializers.DateField(
        validators=[planned],
    )
    expiration_date = serializers.DateField(validators=[planned], required=False, allow_null=True)
    status = serializers.ChoiceField(choices=AgreementStatus.choices, required=False)


class SLAAgreementUpdateInputSerializer(serializers.Serializer):
    tier = serializers.ChoiceField(choices=SLATier.choices, required=False)
    support_coverage = serializers.ChoiceField(choices=SupportCoverage.choices, required=False)
    effective_date = serializers.DateField(validators=[planned], required=False)
    expiration_date = serializers.DateField(validators=[planned], required=False, allow_null=True)
    status = serializers.ChoiceField(choices=AgreementStatus.choices, required=False)
