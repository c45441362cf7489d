from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.views import View

from cmdb import selectors, services
from cmdb.filtersets import ConfigurationItemFilterSet
from cmdb.forms import ClientAssignmentForm, ConfigurationItemForm
from cmdb.models import ConfigurationItem
from cmdb.services import CI_FIELDS
from core.errors import DomainError
from core.permissions import can
from core.views import FilteredListView, PolicyRequiredMixin, RecordDetailView, RecordFormView


class CIListView(FilteredListView):
    required_permission = "cmdb.view"
    template_name = "cmdb/ci_list.html"
    filterset_class = ConfigurationItemFilterSet
    sortable = {
        "name": "ci_name",
        "type": "ci_type",
        "environment": "environment",
        "status": "operational_status",
        "clients": "client_count",
    }
    default_sort = "name"

    def base_queryset(self) -> QuerySet[ConfigurationItem]:
        return selectors.ci_list(actor=self.actor)


class CIDetailView(RecordDetailView):
    required_permission = "cmdb.view"
    template_name = "cmdb/ci_detail.html"
    context_object_name = "ci"

    def get_object(self) -> ConfigurationItem:
        return selectors.ci_get(actor=self.actor, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["clients"] = selectors.ci_clients(ci=context["ci"])
        if can(self.request.user, "cmdb.manage"):  # type: ignore[arg-type]
            context["assign_form"] = ClientAssignmentForm()
        return context


class CICreateView(RecordFormView):
    required_permission = "cmdb.manage"
    template_name = "cmdb/ci_form.html"
    form_class = ConfigurationItemForm
    success_message = "Configuration item {obj.ci_name} created."

    def perform(self, form: ConfigurationItemForm) -> ConfigurationItem:
        return services.ci_create(actor=self.actor, **form.cleaned_data)


class CIUpdateView(RecordFormView):
    required_permission = "cmdb.manage"
    template_name = "cmdb/ci_form.html"
    form_class = ConfigurationItemForm
    success_message = "Configuration item {obj.ci_name} saved."

    def get_object(self) -> ConfigurationItem:
        return selectors.ci_get(actor=self.actor, pk=self.kwargs["pk"])

    def get_initial(self) -> dict[str, Any]:
        return {name: getattr(self.instance, name) for name in CI_FIELDS}

    def perform(self, form: ConfigurationItemForm) -> ConfigurationItem:
        return services.ci_update(actor=self.actor, ci=self.instance, data=dict(form.cleaned_data))


class CIClientAssignmentView(PolicyRequiredMixin, View):
    """POST: assign (or, with `remove`, unassign) a client to the configuration item."""

    required_permission = "cmdb.manage"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        ci = selectors.ci_get(actor=self.actor, pk=pk)
        form = ClientAssignmentForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose a client.")
            return HttpResponseRedirect(ci.get_absolute_url())
        client = form.cleaned_data["client"]
        try:
            if request.POST.get("remove"):
                services.ci_unassign_client(actor=self.actor, ci=ci, client=client)
                messages.success(request, f"{client} no longer depends on {ci}.")
            else:
                services.ci_assign_client(actor=self.actor, ci=ci, client=client)
                messages.success(request, f"{client} now depends on {ci}.")
        except DomainError as error:
            messages.error(request, error.message)
        return redirect(ci.get_absolute_url())
