"""The response cycle in the API, with the services and rules of its pages:
`/api/v1/incidents/{id}/phases/` (list), `.../phases/{phase}/` (PUT: save a draft), `.../submit/`, `.../review/`
and `/api/v1/incidents/{id}/post-mortem/` (Markdown and sanitised HTML)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.inputs import valid
from core.api.views import PolicyAPIView
from core.errors import NotFound
from core.markup import markdown_html
from incidents.models import Incident
from incidents.selectors import incident_get
from response.choices import Phase
from response.models import PhaseRecord
from response.postmortem import postmortem_markdown
from response.services.phases import phase_review, phase_save, phase_submit

PHASE = OpenApiParameter("phase", str, OpenApiParameter.PATH, enum=list(Phase.values), description="Which phase.")


class PhaseRecordSerializer(serializers.ModelSerializer[PhaseRecord]):
    author_name = serializers.CharField(source="author.full_name", default=None, read_only=True)
    reviewer_name = serializers.CharField(source="reviewer.full_name", default=None, read_only=True)

    class Meta:
        model = PhaseRecord
        fields = [
            "phase", "status", "content", "author", "author_name", "reviewer", "reviewer_name", "reviewed_at",
            "review_comment", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class PhaseSaveInputSerializer(serializers.Serializer):
    content = serializers.DictField(help_text="The phase's fields, as on its page (see the README).")


class PhaseReviewInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["approved", "revision"])
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class PostmortemSerializer(serializers.Serializer):
    markdown = serializers.CharField()
    html = serializers.CharField(help_text="The Markdown rendered and sanitised.")


def _incident(view: PolicyAPIView, pk: int) -> Incident:
    return incident_get(actor=view.actor, pk=pk)


def _phase(phase: str) -> str:
    if phase not in Phase.values:
        raise NotFound(f"No phase {phase!r}; use {', '.join(Phase.values)}.")
    return phase


def _record(incident: Incident, phase: str) -> PhaseRecord:
    return PhaseRecord.objects.select_related("author", "reviewer").get(incident=incident, phase=phase)


class PhaseListView(PolicyAPIView):
    required_permissions = {"get": "cycle.view"}

    @extend_schema(responses=PhaseRecordSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        records = PhaseRecord.objects.filter(incident=_incident(self, pk)).select_related("author", "reviewer")
        order = {name: index for index, name in enumerate(Phase.values)}
        return Response(PhaseRecordSerializer(sorted(records, key=lambda r: order[r.phase]), many=True).data)


class PhaseSaveView(PolicyAPIView):
    required_permissions = {"put": "cycle.edit"}

    @extend_schema(parameters=[PHASE], request=PhaseSaveInputSerializer, responses=PhaseRecordSerializer)
    def put(self, request: Request, pk: int, phase: str) -> Response:
        incident, name = _incident(self, pk), _phase(phase)
        content = valid(PhaseSaveInputSerializer, request)["content"]
        record = phase_save(actor=self.actor, incident=incident, phase=name, content=content)
        return Response(PhaseRecordSerializer(_record(incident, record.phase)).data)


class PhaseSubmitView(PolicyAPIView):
    required_permissions = {"post": "cycle.edit"}

    @extend_schema(parameters=[PHASE], request=None, responses=PhaseRecordSerializer)
    def post(self, request: Request, pk: int, phase: str) -> Response:
        incident, name = _incident(self, pk), _phase(phase)
        phase_submit(actor=self.actor, incident=incident, phase=name)
        return Response(PhaseRecordSerializer(_record(incident, name)).data)


class PhaseReviewView(PolicyAPIView):
    required_permissions = {"post": "gates.review"}

    @extend_schema(parameters=[PHASE], request=PhaseReviewInputSerializer, responses=PhaseRecordSerializer)
    def post(self, request: Request, pk: int, phase: str) -> Response:
        incident, name = _incident(self, pk), _phase(phase)
        given = valid(PhaseReviewInputSerializer, request)
        phase_review(
            actor=self.actor,
            incident=incident,
            phase=name,
            approve=given["decision"] == "approved",
            comment=given["comment"],
        )
        return Response(PhaseRecordSerializer(_record(incident, name)).data)


class PostmortemView(PolicyAPIView):
    required_permissions = {"get": "cycle.view"}

    @extend_schema(responses=PostmortemSerializer)
    def get(self, request: Request, pk: int) -> Response:
        incident = _incident(self, pk)
        record = PhaseRecord.objects.filter(incident=incident, phase=Phase.POST_MORTEM).first()
        text: Any = (record.content.get("markdown") if record else None) or postmortem_markdown(incident)
        return Response({"markdown": text, "html": markdown_html(text)})
