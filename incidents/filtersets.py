"""Filters shared by the incident API, the incident queue page and exports."""

from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import Client
from accounts.selectors import request_clients
from core.filters import FilterSet, IdFilter, RecordFilter
from core.search import number_is
from incidents.choices import Category, EscalationStatus, IncidentStatus, NoteType, Severity
from incidents.models import Escalation, Incident, IncidentCI, WorkNote


class IncidentFilterSet(FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")
    status = django_filters.MultipleChoiceFilter(choices=IncidentStatus.choices, distinct=False)  # no join: no twins
    severity = django_filters.MultipleChoiceFilter(choices=Severity.choices, distinct=False)
    category = django_filters.ChoiceFilter(choices=Category.choices)
    assigned_to = IdFilter(field_name="assigned_to_id", label="Assignee")
    reported_by = IdFilter(field_name="reported_by_id", label="Reporter")
    problem = IdFilter(field_name="problem_id", label="Problem")
    client = RecordFilter(queryset=request_clients, method="by_client", label="Client")
    ci = IdFilter(method="by_ci", label="Configuration item", picker="cis")
    detected_after = django_filters.DateFilter(
        field_name="detection_time", lookup_expr="date__gte", label="Detected from"
    )
    detected_before = django_filters.DateFilter(
        field_name="detection_time", lookup_expr="date__lte", label="Detected to"
    )

    class Meta:
        model = Incident
        fields = [
            "q",
            "status",
            "severity",
            "category",
            "assigned_to",
            "client",
            "ci",
            "detected_after",
            "detected_before",
        ]

    def search(self, queryset: QuerySet[Incident], name: str, value: str) -> QuerySet[Incident]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(number_is("incident_number", value) | Q(title__icontains=value))

    def by_client(self, queryset: QuerySet[Incident], name: str, value: Client) -> QuerySet[Incident]:
        if not value:
            return queryset
        links = IncidentCI.objects.filter(incident=OuterRef("pk"), ci__assignments__client=value)
        return queryset.filter(Exists(links))

    def by_ci(self, queryset: QuerySet[Incident], name: str, value: int) -> QuerySet[Incident]:
        if value is None:
            return queryset
        return queryset.filter(Exists(IncidentCI.objects.filter(incident=OuterRef("pk"), ci_id=value)))


class WorkNoteFilterSet(FilterSet):
    incident = IdFilter(field_name="incident_id")
    problem = IdFilter(field_name="problem_id")
    note_type = django_filters.ChoiceFilter(choices=NoteType.choices)

    class Meta:
        model = WorkNote
        fields = ["incident", "problem", "note_type"]


class EscalationFilterSet(FilterSet):
    incident = IdFilter(field_name="incident_id")
    status = django_filters.ChoiceFilter(choices=EscalationStatus.choices)
    escalated_to = IdFilter(field_name="escalated_to_id")

    class Meta:
        model = Escalation
        fields = ["incident", "status", "escalated_to"]


class AttachmentFilterSet(FilterSet):
    reference_type = django_filters.CharFilter()
    reference_id = IdFilter()
    incident = IdFilter(method="by_incident", picker="incidents")

    def by_incident(self, queryset: QuerySet[Any], name: str, value: int) -> QuerySet[Any]:
        return queryset.filter(reference_type="incident", reference_id=value) if value is not None else queryset
