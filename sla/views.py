from typing import Any

from django.db.models import QuerySet

from core.views import FilteredListView, RecordFormView
from sla import selectors, services
from sla.filtersets import SLAAgreementFilterSet
from sla.forms import SLAAgreementForm, SLAAgreementUpdateForm
from sla.models import SLAAgreement
from sla.services import UPDATABLE_FIELDS


class AgreementListView(FilteredListView):
    required_permission = "sla.view"
    template_name = "sla/agreement_list.html"
    filterset_class = SLAAgreementFilterSet
    sortable = {"client": "client__client_name", "tier": "tier", "effective": "effective_date", "status": "status"}
    default_sort = "client"

    def base_queryset(self) -> QuerySet[SLAAgreement]:
        return selectors.sla_agreement_list(actor=self.actor)


class AgreementCreateView(RecordFormView):
    required_permission = "sla.manage"
    template_name = "sla/agreement_form.html"
    form_class = SLAAgreementForm
    success_message = "SLA agreement created."

    def get_initial(self) -> dict[str, Any]:
        return {"client": self.request.GET.get("client")}

    def perform(self, form: SLAAgreementForm) -> SLAAgreement:
        return services.sla_agreement_create(actor=self.actor, **form.cleaned_data)

    def get_success_url(self) -> str:
        return str(self.object.client.get_absolute_url())


class AgreementUpdateView(RecordFormView):
    required_permission = "sla.manage"
    template_name = "sla/agreement_form.html"
    form_class = SLAAgreementUpdateForm
    success_message = "SLA agreement saved."

    def get_object(self) -> SLAAgreement:
        return selectors.sla_agreement_get(actor=self.actor, pk=self.kwargs["pk"])

    def get_initial(self) -> dict[str, Any]:
        return {name: getattr(self.instance, name) for name in UPDATABLE_FIELDS}

    def perform(self, form: SLAAgreementUpdateForm) -> SLAAgreement:
        return services.sla_agreement_update(actor=self.actor, agreement=self.instance, data=dict(form.cleaned_data))

    def get_success_url(self) -> str:
        return str(self.object.client.get_absolute_url())
