"""My work, the global search, name lookups for the pickers, and saved filters."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, ClassVar

from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpRequest, JsonResponse
from django.views import View
from django.views.generic import TemplateView

from accounts.selectors import user_list
from changes.selectors import change_list
from cmdb.selectors import ci_list
from core.permissions import AUTHENTICATED
from core.views import PolicyRequiredMixin, ServiceActionView
from incidents.selectors import incident_list
from problems.selectors import problem_list
from workspace.saved_filters import saved_filter_create, saved_filter_delete
from workspace.work import my_work, search

LOOKUP_LIMIT = 20


class MyWorkView(PolicyRequiredMixin, TemplateView):
    required_permission = AUTHENTICATED
    template_name = "workspace/my_work.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "work": my_work(actor=self.actor)}


class SearchView(PolicyRequiredMixin, TemplateView):
    required_permission = AUTHENTICATED
    template_name = "workspace/search.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        text = self.request.GET.get("q", "")
        results = search(actor=self.actor, text=text)
        return {
            **super().get_context_data(**kwargs),
            "q": text,
            "results": results,
            "total": sum(len(hits) for hits in results.values()),
        }


class LookupView(PolicyRequiredMixin, View):
    """`?q=words` (or `?id=N`): up to 20 records the person may see, as `[{"id", "label"}]`, for a picker."""

    fields: ClassVar[tuple[str, ...]]

    def records(self) -> QuerySet[Any]:
        raise NotImplementedError

    def label(self, record: Any) -> str:
        return str(record)

    def get(self, request: HttpRequest) -> JsonResponse:
        records = self.records()
        if request.GET.get("id", "").isdigit():
            records = records.filter(pk=int(request.GET["id"]))
        else:
            for word in request.GET.get("q", "").split()[:5]:
                condition = Q()
                for name in self.fields:
                    condition |= Q(**{f"{name}__icontains": word[:60]})
                records = records.filter(condition)
        rows = [{"id": record.pk, "label": self.label(record)} for record in records[:LOOKUP_LIMIT]]
        return JsonResponse({"results": rows})


class UserLookup(LookupView):
    required_permission = "users.view"
    fields = ("first_name", "last_name", "email")

    def records(self) -> QuerySet[Any]:
        return user_list(actor=self.actor).order_by("first_name", "last_name")

    def label(self, record: Any) -> str:
        return f"{record.full_name} · {record.get_role_display()}"


class IncidentLookup(LookupView):
    required_permission = "incidents.view"
    fields = ("incident_number", "title")

    def records(self) -> QuerySet[Any]:
        return incident_list(actor=self.actor).order_by("-detection_time")


class ProblemLookup(LookupView):
    required_permission = "problems.view"
    fields = ("problem_number", "title")

    def records(self) -> QuerySet[Any]:
        return problem_list(actor=self.actor).order_by("-id")


class ChangeLookup(LookupView):
    required_permission = "changes.view"
    fields = ("change_number", "title")

    def records(self) -> QuerySet[Any]:
        return change_list(actor=self.actor).order_by("-id")


class CILookup(LookupView):
    required_permission = "cmdb.view"
    fields = ("ci_name",)

    def records(self) -> QuerySet[Any]:
        return ci_list(actor=self.actor).order_by("ci_name")


class SavedFilterForm(forms.Form):
    name = forms.CharField(max_length=80, required=False)
    path = forms.CharField(max_length=200)
    query = forms.CharField(max_length=1000, required=False)
    delete = forms.IntegerField(required=False)


class SavedFilterView(ServiceActionView):
    """Save the list page's current filters under a name, or (with `delete`) remove one of one's own."""

    required_permission = AUTHENTICATED
    form_class = SavedFilterForm
    success_message = "{result.verb} the filter “{result.name}”."

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.path = request.POST.get("path", "/")
        return super().post(request, *args, **kwargs)

    def redirect_url(self) -> str:
        from workspace.saved_filters import filterable

        return self.path if filterable(self.path) else "/"

    def perform(self, form: SavedFilterForm) -> Any:
        data = form.cleaned_data
        if data.get("delete"):
            removed = saved_filter_delete(actor=self.actor, pk=data["delete"])
            return SimpleNamespace(verb="Removed", name=removed.name.replace("{", "(").replace("}", ")"))
        saved = saved_filter_create(actor=self.actor, name=data["name"], path=data["path"], query=data["query"])
        return SimpleNamespace(verb="Saved", name=saved.name)
