from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.views.generic import TemplateView

from accounts.selectors import client_choices, client_get
from core.errors import DomainError
from core.views import FilteredListView, PolicyRequiredMixin, RecordFormView, ServiceActionView
from incidents.choices import IncidentStatus
from sla import selectors, services
from sla.breaches import breach_rows, breaching_pairs, parse_breach_filters
from sla.filtersets import SLAAgreementFilterSet
from sla.forms import BusinessCalendarForm, SLAAgreementForm, SLAAgreementUpdateForm
from sla.models import SLAAgreement
from sla.services.agreements import UPDATABLE_FIELDS


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


class BreachReportView(PolicyRequiredMixin, TemplateView):
    """SOP 21 as a page: the same filters and rows as the API, and a CSV link for the whole report."""

    required_permission = "sla.view"
    template_name = "sla/breach_report.html"
    page_size = 50

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        clients = client_choices(actor=self.actor)
        try:
            filters = parse_breach_filters(params, actor=self.actor)
        except DomainError as error:
            context.update(errors=error.fields, rows=[], params=params, clients=clients)
            return context
        try:
            page = max(int(params.get("page", 1)), 1)
        except ValueError:
            page = 1
        offset = (page - 1) * self.page_size
        window = list(breaching_pairs(filters, actor=self.actor)[offset : offset + self.page_size + 1])
        query = params.copy()
        query.pop("page", None)
        context.update(
            rows=breach_rows(window[: self.page_size], filters),
            page=page,
            has_next=len(window) > self.page_size,
            query=query.urlencode(),
            params=params,
            statuses=IncidentStatus.choices,
            clients=clients,
            errors={},
        )
        return context


class BusinessCalendarView(ServiceActionView):
    """POST from the client page: set the client's business hours (the business-hours SLA clock)."""

    required_permission = "sla.manage"
    form_class = BusinessCalendarForm
    success_message = "Business hours saved; open incidents' due times follow."

    def redirect_url(self) -> str:
        return reverse("workspace:client-detail", args=[self.kwargs["pk"]])

    def perform(self, form: BusinessCalendarForm) -> Any:
        client = client_get(actor=self.actor, pk=self.kwargs["pk"])
        return services.business_calendar_set(actor=self.actor, client=client, **form.cleaned_data)
