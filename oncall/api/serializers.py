"""Shapes of the on-call API: what it answers, and the bodies it takes (checked again, whole, by the services)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from oncall.choices import Rotation, TargetKind
from oncall.models import EscalationPolicy, Layer, Override, Page, Schedule
from oncall.rotation import DAYS

# "from" is a keyword in Python, so the class is built from a dict of its fields.
RestrictionSerializer: type[serializers.Serializer] = type(
    "RestrictionSerializer",
    (serializers.Serializer,),
    {
        "days": serializers.ListField(child=serializers.ChoiceField(choices=list(DAYS))),
        "from": serializers.CharField(help_text="HH:MM, local time"),
        "to": serializers.CharField(help_text="HH:MM, local time; at or before `from`: past midnight"),
    },
)


class LayerSerializer(serializers.ModelSerializer[Layer]):
    every = serializers.IntegerField(source="every_hours", allow_null=True, required=False)
    handoff_time = serializers.TimeField(format="%H:%M")
    users = serializers.ListField(child=serializers.IntegerField())
    restrictions = RestrictionSerializer(many=True, required=False)

    class Meta:
        model = Layer
        fields = ["name", "rotation", "every", "handoff_time", "start", "users", "restrictions"]


class ScheduleSerializer(serializers.ModelSerializer[Schedule]):
    layers = LayerSerializer(many=True, read_only=True)

    class Meta:
        model = Schedule
        fields = ["id", "name", "client", "time_zone", "layers", "created_at"]
        read_only_fields = fields


class LayerInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=80, required=False)
    rotation = serializers.ChoiceField(choices=Rotation.choices)
    every = serializers.IntegerField(required=False, min_value=1, help_text='hours per shift, for "hours"')
    handoff_time = serializers.CharField(help_text="HH:MM, local time")
    start = serializers.DateField()
    users = serializers.ListField(child=serializers.IntegerField(), min_length=1)
    restrictions = RestrictionSerializer(many=True, required=False)


class ScheduleInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    client = serializers.IntegerField(required=False, allow_null=True)
    time_zone = serializers.CharField(required=False, help_text="IANA time zone; UTC by default")
    layers = LayerInputSerializer(many=True)


class ScheduleUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120, required=False)
    client = serializers.IntegerField(required=False, allow_null=True)
    time_zone = serializers.CharField(required=False)
    layers = LayerInputSerializer(many=True, required=False, help_text="replaces every layer, lowest first")


class OverrideSerializer(serializers.ModelSerializer[Override]):
    class Meta:
        model = Override
        fields = ["id", "schedule", "user", "start", "end", "created_by", "created_at"]
        read_only_fields = fields


class OverrideInputSerializer(serializers.Serializer):
    user = serializers.IntegerField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()


class OnCallUserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="full_name")
    email = serializers.EmailField()


class OnCallSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    users = OnCallUserSerializer(many=True)
    start = serializers.DateTimeField(allow_null=True, help_text="when this answer began (the shift's start)")
    end = serializers.DateTimeField(allow_null=True, help_text="when it changes next (the shift's end)")
    source = serializers.CharField(  # type: ignore[assignment]
        help_text='"override", "layer N", or empty when nobody is on call'
    )


class TargetSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=TargetKind.choices)
    schedule = serializers.IntegerField(source="schedule_id", required=False, allow_null=True)
    user = serializers.IntegerField(source="user_id", required=False, allow_null=True)


class StepSerializer(serializers.Serializer):
    wait_minutes = serializers.IntegerField(min_value=1)
    targets = TargetSerializer(many=True)


class PolicySerializer(serializers.ModelSerializer[EscalationPolicy]):
    steps = StepSerializer(many=True, read_only=True)
    clients = serializers.PrimaryKeyRelatedField(many=True, read_only=True)  # type: ignore[var-annotated]
    configuration_items = serializers.PrimaryKeyRelatedField(many=True, read_only=True)  # type: ignore[var-annotated]

    class Meta:
        model = EscalationPolicy
        fields = ["id", "name", "repeats", "steps", "clients", "configuration_items", "created_at"]
        read_only_fields = fields


class PolicyInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    repeats = serializers.IntegerField(required=False, min_value=0)
    steps = StepSerializer(many=True)
    clients = serializers.ListField(child=serializers.IntegerField(), required=False)
    configuration_items = serializers.ListField(child=serializers.IntegerField(), required=False)


class PolicyUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120, required=False)
    repeats = serializers.IntegerField(required=False, min_value=0)
    steps = StepSerializer(many=True, required=False, help_text="replaces every step")
    clients = serializers.ListField(child=serializers.IntegerField(), required=False)
    configuration_items = serializers.ListField(child=serializers.IntegerField(), required=False)


class PageSerializer(serializers.ModelSerializer[Page]):
    paged = serializers.SerializerMethodField()

    class Meta:
        model = Page
        fields = [
            "id", "policy", "source", "summary", "incident", "status", "step", "round", "next_step_at", "paged",
            "acknowledged_at", "acknowledged_by", "created_at",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_paged(self, page: Page) -> list[int]:
        """Everyone paged so far, as user ids."""
        return sorted({notice.user_id for notice in page.notices.all()})
