"""Problem pages: the list, creation, and the problem page with its incidents, CIs and notes."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from core.views import FilteredListView, RecordFormView, ServiceActionView
from incidents.services import work_note_create
from problems import selectors, services
from problems.filtersets import ProblemFilterSet
from problems.forms import (
    NoteForm,
    ProblemCIForm,
    ProblemCreateForm,
    ProblemIncidentForm,
    ProblemStatusForm,
    ProblemUpdateForm,
)
from problems.models import Problem
from problems.services import UPDATE_FIELDS


class ProblemListView(FilteredListView):
    required_permission = "problems.view"
    template_name = "problems/problem_list.html"
    filterset_class = ProblemFilterSet
    sortable = {"number": "problem_number", "status": "status", "created": "created_at", "title": "title"}
    default_sort = "-number"

    def base_queryset(self) -> QuerySet[Problem]:
        return selectors.problem_list(actor=self.actor)


class ProblemCreateView(RecordFormView):
    required_permission = "problems.manage"
    template_name = "problems/problem_form.html"
    form_class = ProblemCreateForm
    success_message = "{obj.problem_number} created."

    def perform(self, form: ProblemCreateForm) -> Problem:
        data = {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}
        incidents = list(data.pop("incidents", []))
        return services.problem_create(actor=self.actor, reported_by=self.request.user.pk, incidents=incidents, **data)


class ProblemUpdateView(RecordFormView):
    required_permission = "problems.manage"
    template_name = "problems/problem_form.html"
    form_class = ProblemUpdateForm
    success_message = "{obj.problem_number} saved."

    def get_object(self) -> Problem:
        return selectors.problem_get(actor=self.actor, pk=self.kwargs["pk"])

    def get_initial(self) -> dict[str, Any]:
        return {name: getattr(self.instance, name) for name in UPDATE_FIELDS}

    def perform(self, form: ProblemUpdateForm) -> Problem:
        return services.problem_update(actor=self.actor, problem=self.instance, data=dict(form.cleaned_data))


class ProblemActionView(ServiceActionView):
    required_permission = "problems.manage"

    def problem(self) -> Problem:
        return selectors.problem_get(actor=self.actor, pk=self.kwargs["pk"])

    def target(self) -> Problem:
        return self.problem()

    def redirect_url(self) -> str:
        return reverse("workspace:problem-detail", args=[self.kwargs["pk"]])


class ProblemStatusView(ProblemActionView):
    form_class = ProblemStatusForm
    success_message = "{result.problem_number} is now {result.status}."

    def perform(self, form: ProblemStatusForm) -> Problem:
        return services.problem_update(
            actor=self.actor, problem=self.problem(), data={"status": form.cleaned_data["status"]}
        )


class ProblemIncidentView(ProblemActionView):
    form_class = ProblemIncidentForm
    success_message = "{result.incident_number} linked."

    def perform(self, form: ProblemIncidentForm) -> Any:
        return services.problem_link_incident(
            actor=self.actor, problem=self.problem(), incident=form.cleaned_data["incident_number"]
        )


class ProblemCIView(ProblemActionView):
    form_class = ProblemCIForm
    success_message = "Configuration item linked."

    def perform(self, form: ProblemCIForm) -> Any:
        return services.problem_link_ci(actor=self.actor, problem=self.problem(), ci=form.cleaned_data["ci"])


class ProblemNoteView(ProblemActionView):
    required_permission = "incidents.note"
    form_class = NoteForm
    success_message = "Note added."

    def perform(self, form: NoteForm) -> Any:
        return work_note_create(actor=self.actor, problem=self.problem(), **form.cleaned_data)
