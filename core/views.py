"""Building blocks of the HTML views: the permission declaration, service-backed forms, filtered lists."""

from __future__ import annotations

import json
import time
from collections.abc import Hashable
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from core.actor import Actor
from core.errors import DomainError
from core.forms import ActorForm, offer
from core.permissions import PUBLIC, can, is_limited_to_client
from core.together import fetch_about


class PolicyRequiredMixin(LoginRequiredMixin):
    """Sign-in required, then the declared policy action; a view without a declaration is refused."""

    required_permission: ClassVar[str | None] = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if self.required_permission == PUBLIC:  # a public form (the status page's subscription): no sign-in
            return super(LoginRequiredMixin, self).dispatch(request, *args, **kwargs)  # type: ignore[misc]
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.required_permission is None or not can(request.user, self.required_permission):
            raise PermissionDenied(f"Your role does not allow this page ({self.required_permission}).")
        return super().dispatch(request, *args, **kwargs)

    @property
    def actor(self) -> Actor:
        return Actor.web(self.request.user)  # type: ignore[attr-defined]


def apply_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal on the form: field errors where the form has the field, the message on top."""
    placed = False
    for name, messages_ in error.fields.items():
        if name in form.fields:
            for message in messages_:
                form.add_error(name, message)
            placed = True
    field_messages = {message for messages_ in error.fields.values() for message in messages_}
    if not placed or error.message not in field_messages:
        form.add_error(None, error.message)


def actor_form_kwargs(form_class: type[forms.Form], actor: Actor) -> dict[str, Any]:
    """The `actor` argument of forms built for one actor (core.forms.ActorForm)."""
    return {"actor": actor} if issubclass(form_class, ActorForm) else {}


class ServiceFormView(PolicyRequiredMixin, FormView):
    """A form whose valid data goes to one service call; a refusal comes back as form errors."""

    success_message: ClassVar[str] = ""

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | actor_form_kwargs(self.get_form_class(), self.actor)

    def perform(self, form: Any) -> Any:
        raise NotImplementedError

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            self.object = self.perform(form)
        except DomainError as error:
            apply_domain_error(form, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message.format(obj=self.object))
        return super().form_valid(form)


class EstimatedPage(Page):
    """A page that knows whether another follows from the one row read past it, not from a count."""

    def __init__(self, rows: list[Any], number: int, paginator: EstimatedPaginator, *, more: bool) -> None:
        super().__init__(rows, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more


class EstimatedPaginator(Paginator):
    """Numbered pages that never count a large table: a page reads one row more than it shows, and the total is
    exact only when small (a count bounded at `exact_below` rows); above that it is PostgreSQL's planner estimate,
    shown as "about"."""

    exact_below = 1000
    first_rows: list[Any] | None = None
    """The first page's rows (and the one past it), when they were read beforehand."""
    rows_kept_as: Hashable | None = None
    """What names the rows' query when it is the same at every call: its estimate is then found by that name,
    without composing the query's SQL to look it up."""

    def validate_number(self, number: Any) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not a whole number.") from None
        if number < 1:
            raise EmptyPage("Pages start at 1.")
        return int(number)

    def page(self, number: Any) -> EstimatedPage:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if number == 1 and self.first_rows is not None:
            rows = self.first_rows
        else:
            rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage("That page has no rows.")
        more = len(rows) > self.per_page
        if not more:  # the last page: the total is known without asking
            self.__dict__["total"] = (bottom + len(rows), True)
        return EstimatedPage(rows[: self.per_page], number, self, more=more)

    @cached_property
    def total(self) -> tuple[int, bool]:
        """(rows, exact): the planner's estimate when it is large, else the bounded count."""
        if connection.vendor == "postgresql":
            rows = self.object_list.values("pk").order_by()  # type: ignore[attr-defined]  # no columns, joins or sort to plan
            estimate = planner_estimate(rows, kept_as=self.rows_kept_as)
            if estimate > self.exact_below:
                return estimate, False
        counted = int(self.object_list[: self.exact_below + 1].count())  # type: ignore[attr-defined]
        return counted, counted <= self.exact_below

    @property
    def total_label(self) -> str:
        rows, exact = self.total
        return f"{rows:,} in all" if exact else f"about {rows:,} in all"


ESTIMATE_KEPT_FOR = 60.0
"""Seconds a process keeps the planner's estimate of a list's rows (an estimate from table statistics that
autovacuum refreshes every so often; planning it on every reload of a queue cost a millisecond)."""
_estimates: dict[Hashable, tuple[float, int]] = {}


def planner_estimate(rows: QuerySet[Any], *, kept_as: Hashable | None = None) -> int:
    """The rows PostgreSQL's planner expects `rows` to match, kept `ESTIMATE_KEPT_FOR` seconds per statement (or
    under `kept_as`, for a query that is the same at every call)."""
    now = time.monotonic()
    if kept_as is not None:
        key: Hashable = ("kept", kept_as)
    else:
        sql, params = rows.query.sql_with_params()
        key = (sql, tuple(map(str, params)))
    kept = _estimates.get(key)
    if kept is not None and now - kept[0] < ESTIMATE_KEPT_FOR:
        return kept[1]
    plan = json.loads(rows.explain(format="json"))
    estimate = int(plan[0]["Plan"]["Plan Rows"])
    if len(_estimates) >= 1000:  # many different filters: start again rather than grow
        _estimates.clear()
    _estimates[key] = (now, estimate)
    return estimate


def forget_estimates() -> None:
    _estimates.clear()


class FilteredListView(PolicyRequiredMixin, ListView):
    """A list with the app's FilterSet (shared with the API), sortable columns and numbered pages."""

    paginator_class = EstimatedPaginator

    filterset_class: ClassVar[Any] = None
    sortable: ClassVar[dict[str, str | tuple[str, ...]]] = {}
    """Sort keys of the page: a column, or columns (the later ones order rows equal in the first), then the id."""
    default_sort: ClassVar[str] = ""
    paginate_by = 25
    columns: ClassVar[tuple[str, ...]] = ()
    """What the rows show, when it is much less than the records hold: only these columns are read."""
    first_page_kept: ClassVar[bool] = False
    """Whether the list's base queryset and its filter form's record choices are the same for every reader who sees
    everything (they depend on no one's id). The first page asked with no parameter (the page a queue reloads) is
    then read in one statement with those choices, composed once per process and planned once per connection."""

    def base_queryset(self) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        self.filterset = self.filterset_class(
            self.request.GET or None, queryset=self.base_queryset(), request=self.request
        )
        queryset = self.filterset.qs if self.filterset.is_bound and self.filterset.is_valid() else self.base_queryset()
        self.sort = self.request.GET.get("sort", self.default_sort)
        columns = self.sortable.get(self.sort.lstrip("-"))
        if columns:
            descending = self.sort.startswith("-")  # the tie-breakers run the same way, so one index serves both
            terms = [*((columns,) if isinstance(columns, str) else columns), "id"]
            queryset = queryset.order_by(*(f"-{term}" if descending else term for term in terms))
        if self.columns:
            related = {name.split("__")[0] for name in self.columns if "__" in name}
            queryset = queryset.select_related(None).select_related(*related).only(*self.columns)
        return queryset

    def get_paginator(self, queryset: Any, per_page: int, *args: Any, **kwargs: Any) -> Paginator:
        paginator = super().get_paginator(queryset, per_page, *args, **kwargs)
        user = self.request.user
        if self.first_page_kept and not self.request.GET and not is_limited_to_client(user):  # type: ignore[arg-type]
            pickers = {
                name: field
                for name, field in self.filterset.form.fields.items()
                if isinstance(field, forms.ModelChoiceField) and field.queryset is not None
            }
            reads = {name: field.queryset for name, field in pickers.items()} | {"rows": queryset[: per_page + 1]}
            shape = (type(self), per_page, *sorted(pickers))
            read = fetch_about(0, lambda _none: reads, shape=shape)  # not about one record: the same every time
            for name, field in pickers.items():
                offer(field, read[name])
            paginator.first_rows = read["rows"]  # type: ignore[attr-defined]
            paginator.rows_kept_as = shape  # type: ignore[attr-defined]
        return paginator

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        context["filterset"] = self.filterset
        context["sort"] = self.sort
        context["query_without_page"] = params.urlencode()
        params.pop("sort", None)
        context["query_without_sort"] = params.urlencode()
        context["active_filters"] = sum(
            1 for key, value in self.request.GET.items() if value and key not in {"page", "sort"}
        )
        return context


class RecordDetailView(PolicyRequiredMixin, TemplateView):
    """One record (read through its selector, so scoped to the user) with its audit trail."""

    context_object_name: ClassVar[str] = "object"

    def get_object(self) -> Any:
        raise NotImplementedError

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from core.audit import audit_trail_for, record_type_of

        context = super().get_context_data(**kwargs)
        obj = self.get_object()
        context[self.context_object_name] = obj
        context["object"] = obj
        if can(self.request.user, "audit.view"):  # type: ignore[arg-type]
            context["audit_trail"] = audit_trail_for(record_type=record_type_of(obj), record_id=obj.pk)[:200]
        return context


class RecordFormView(ServiceFormView):
    """Create (no `pk` in the URL) or edit (with `pk`) one record through its services."""

    object: Any = None

    def get_object(self) -> Any:
        return None

    @cached_property
    def instance(self) -> Any:
        """The record being edited, read only after the permission check (so a refusal reveals nothing)."""
        return self.get_object() if "pk" in self.kwargs else None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["instance"] = self.instance
        return context

    def get_success_url(self) -> str:
        return str(self.object.get_absolute_url())


class ServiceActionView(PolicyRequiredMixin, View):
    """A POST-only action from a record's page: shape-check a small form, call one service, go back.

    The service's refusal becomes an error message on the page the user came from; nothing is half-done.
    """

    form_class: ClassVar[type[forms.Form]]
    success_message: ClassVar[str] = ""
    http_method_names = ["post"]

    def perform(self, form: Any) -> Any:
        raise NotImplementedError

    def redirect_url(self) -> str:
        raise NotImplementedError

    def target(self) -> Any:
        """The record the action is on, read in the actor's scope before the form is looked at (so another
        client's record answers 404 whatever was posted); None for actions on no one record."""
        return None

    def form_kwargs(self) -> dict[str, Any]:
        return {"data": self.request.POST, "files": self.request.FILES} | actor_form_kwargs(self.form_class, self.actor)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.target()
        form = self.form_class(**self.form_kwargs())
        if not form.is_valid():
            problems = "; ".join(
                f"{form.fields[name].label or name}: {' '.join(map(str, errs))}"
                if name in form.fields
                else " ".join(map(str, errs))
                for name, errs in form.errors.items()
            )
            messages.error(request, f"Not done. {problems}")
            return HttpResponseRedirect(self.redirect_url())
        try:
            result = self.perform(form)
        except DomainError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(self.redirect_url())
        if self.success_message:
            messages.success(request, self.success_message.format(result=result))
        return HttpResponseRedirect(self.redirect_url())
