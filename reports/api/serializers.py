from rest_framework import serializers

from core.timewindow import planned
from reports.choices import AnalysisMethod, ReportType
from reports.models import IncidentReport, PostIncidentReview, RootCauseAnalysis


class RCASerializer(serializers.ModelSerializer[RootCauseAnalysis]):
    class Meta:
        model = RootCauseAnalysis
        fields = [
            "id", "rca_number", "rca_title", "incident", "problem", "assigned_to", "reported_by", "analysis_method",
            "root_cause_summary", "analysis", "status", "due_date", "completed_at", "approved_by", "created_at",
            "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class RCACreateInputSerializer(serializers.Serializer):
    incident = serializers.IntegerField(required=False, allow_null=True)
    problem = serializers.IntegerField(required=False, allow_null=True)
    assigned_to = serializers.IntegerField()
    analysis_method = serializers.ChoiceField(choices=AnalysisMethod.choices)
    rca_title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    root_cause_summary = serializers.CharField(required=False, allow_blank=True)
    analysis = serializers.JSONField(
        required=False, help_text='5 whys: {"whys": [...], "root_cause": ""}; fishbone: {"causes": {"People": [...]}}'
    )
    due_date = serializers.DateTimeField(validators=[planned], required=False, allow_null=True)


class RCAUpdateInputSerializer(serializers.Serializer):
    rca_title = serializers.CharField(max_length=200, required=False)
    root_cause_summary = serializers.CharField(required=False, allow_blank=True)
    analysis = serializers.JSONField(required=False)
    assigned_to = serializers.IntegerField(required=False)
    due_date = serializers.DateTimeField(validators=[planned], required=False, allow_null=True)


class ReviewSerializer(serializers.ModelSerializer[PostIncidentReview]):
    class Meta:
        model = PostIncidentReview
        fields = [
            "id", "incident", "scheduled_date", "facilitator", "review_notes", "lessons_learned", "action_items",
            "status", "created_by", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class ReviewCreateInputSerializer(serializers.Serializer):
    incident = serializers.IntegerField()
    scheduled_date = serializers.DateTimeField(
        validators=[planned],
    )
    facilitator = serializers.IntegerField()
    review_notes = serializers.CharField(required=False, allow_blank=True)
    lessons_learned = serializers.CharField(required=False, allow_blank=True)
    action_items = serializers.CharField(required=False, allow_blank=True)


class ReviewUpdateInputSerializer(serializers.Serializer):
    scheduled_date = serializers.DateTimeField(validators=[planned], required=False)
    facilitator = serializers.IntegerField(required=False)
    review_notes = serializers.CharField(required=False, allow_blank=True)
    lessons_learned = serializers.CharField(required=False, allow_blank=True)
    action_items = serializers.CharField(required=False, allow_blank=True)


class ReportSerializer(serializers.ModelSerializer[IncidentReport]):
    class Meta:
        model = IncidentReport
        fields = [
            "id", "report_number", "report_title", "incident", "report_type", "report_content", "generated_by",
            "generation_date", "report_status",
        ]  # fmt: skip
        read_only_fields = fields


class ReportCreateInputSerializer(serializers.Serializer):
    incident = serializers.IntegerField()
    report_type = serializers.ChoiceField(choices=ReportType.choices)
    report_title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    report_content = serializers.CharField(required=False, allow_blank=True)


class ReportUpdateInputSerializer(serializers.Serializer):
    report_title = serializers.CharField(max_length=200, required=False)
    report_content = serializers.CharField(required=False)
