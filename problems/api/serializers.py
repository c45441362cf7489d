from rest_framework import serializers

from core.timewindow import happened
from problems.choices import ProblemCategory, ProblemStatus
from problems.models import Problem


class ProblemSerializer(serializers.ModelSerializer[Problem]):
    incident_count = serializers.IntegerField(read_only=True)
    configuration_items = serializers.SerializerMethodField()

    class Meta:
        model = Problem
        fields = [
            "id", "problem_number", "title", "description", "status", "category", "reported_by", "assigned_to",
            "detected_at", "resolved_at", "closed_at", "incident_count", "configuration_items", "created_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_configuration_items(self, obj: Problem) -> list[int]:
        return sorted(link.ci_id for link in obj.ci_links.all())


class ProblemCreateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    category = serializers.ChoiceField(choices=ProblemCategory.choices)
    reported_by = serializers.IntegerField(required=False, help_text="Defaults to the caller.")
    assigned_to = serializers.IntegerField(required=False, allow_null=True)
    detected_at = serializers.DateTimeField(validators=[happened], required=False, allow_null=True)
    incidents = serializers.ListField(child=serializers.IntegerField(), required=False)


class ProblemUpdateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(required=False)
    category = serializers.ChoiceField(choices=ProblemCategory.choices, required=False)
    assigned_to = serializers.IntegerField(required=False, allow_null=True)
    detected_at = serializers.DateTimeField(validators=[happened], required=False, allow_null=True)
    status = serializers.ChoiceField(choices=ProblemStatus.choices, required=False)


class LinkIncidentInputSerializer(serializers.Serializer):
    incident = serializers.IntegerField()


class LinkCIInputSerializer(serializers.Serializer):
    ci = serializers.IntegerField()
