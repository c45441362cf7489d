"""On-call pages: who is on call now, a schedule's coming weeks, policies, pages to acknowledge, the calendar
feed, and the emailed acknowledge link (which needs no sign-in: the signed link is the credential)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from core.errors import DomainError
from core.lookups import visible_get
from core.permissions import PUBLIC, can
from core.views import PolicyRequiredMixin, RecordDetailView, ServiceActionView
from oncall import selectors
from oncall.calendar import schedule_picture, user_calendar
from oncall.choices import PageStatus
from oncall.forms import EmptyForm, OverrideForm
from oncall.models import CalendarFeed, Page, Schedule
from oncall.services.pages import page_acknowledge, page_acknowledge_by_link, page_from_link
from oncall.services.schedules import on_call, override_create


class OnCallView(PolicyRequiredMixin, TemplateView):
    """Who is on call now in every schedule, the policies, the open pages, and my calendar feed."""

    required_permission = "oncall.view"
    template_name = "oncall/overview.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        schedules = list(selectors.schedule_list(actor=self.actor))
        context["now_on_call"] = [(schedule, *on_call(schedule, now)) for schedule in schedules]
        context["policies"] = list(selectors.policy_list(actor=self.actor))
        context["open_pages"] = list(selectors.page_list(actor=self.actor).filter(status=PageStatus.TRIGGERED)[:50])
        feed = CalendarFeed.objects.filter(user_id=self.actor.user_id or 0).first()
        context["feed_url"] = (
            self.request.build_absolute_uri(reverse("oncall:calendar-feed", args=[feed.token])) if feed else None
        )
        return context


class ScheduleDetailView(RecordDetailView):
    required_permission = "oncall.view"
    template_name = "oncall/schedule_detail.html"
    context_object_name = "schedule"

    def get_object(self) -> Schedule:
        return visible_get(selectors.schedule_list(actor=self.actor), self.kwargs["pk"], noun="schedule")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        schedule = context["schedule"]
        segment, people = on_call(schedule)
        context.update(
            picture=schedule_picture(schedule), segment=segment, people=people,
            override_form=OverrideForm(), can_manage=can(self.request.user, "oncall.manage"),  # type: ignore[arg-type]
            overrides=[o for o in schedule.overrides.all() if o.end > timezone.now()],
        )  # fmt: skip
        return context


class OverrideCreateView(ServiceActionView):
    required_permission = "oncall.manage"
    form_class = OverrideForm
    success_message = "{result.user.full_name} takes over from {result.start:%a %-d %b %H:%M}."

    def target(self) -> Schedule:
        return visible_get(selectors.schedule_list(actor=self.actor), self.kwargs["pk"], noun="schedule")

    def redirect_url(self) -> str:
        return reverse("oncall:schedule-detail", args=[self.kwargs["pk"]])

    def perform(self, form: OverrideForm) -> Any:
        return override_create(actor=self.actor, schedule=self.target(), **form.cleaned_data)


class PolicyDetailView(RecordDetailView):
    required_permission = "oncall.view"
    template_name = "oncall/policy_detail.html"
    context_object_name = "policy"

    def get_object(self) -> Any:
        return visible_get(selectors.policy_list(actor=self.actor), self.kwargs["pk"], noun="policy")


class PageListView(PolicyRequiredMixin, TemplateView):
    required_permission = "oncall.view"
    template_name = "oncall/page_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["pages"] = list(selectors.page_list(actor=self.actor)[:100])
        return context


class PageAcknowledgeView(ServiceActionView):
    required_permission = "oncall.acknowledge"
    form_class = EmptyForm
    success_message = "Acknowledged: {result.summary}"

    def target(self) -> Page:
        return visible_get(selectors.page_list(actor=self.actor), self.kwargs["pk"], noun="page")

    def redirect_url(self) -> str:
        return reverse("oncall:page-list")

    def perform(self, form: EmptyForm) -> Page:
        return page_acknowledge(actor=self.actor, page=self.target())


class AcknowledgeLinkView(View):
    """The link in a page's email: shows the page and one button; pressing it acknowledges in the name of the
    person the link was sent to. Opening the link changes nothing, so mail scanners that follow links cannot
    acknowledge for anyone."""

    required_permission = PUBLIC

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            page, user = page_from_link(token)
        except DomainError as error:
            return render(request, "oncall/acknowledge.html", {"error": error}, status=400)
        return render(request, "oncall/acknowledge.html", {"page": page, "person": user})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            page = page_acknowledge_by_link(token)
        except DomainError as error:
            return render(request, "oncall/acknowledge.html", {"error": error}, status=error.status_code)
        return render(request, "oncall/acknowledge.html", {"page": page, "done": True})


class CalendarRotateView(ServiceActionView):
    """Give me a calendar address (a new one each time: the old one stops working)."""

    required_permission = "oncall.view"
    form_class = EmptyForm
    success_message = "Your calendar address is ready; any older one no longer works."

    def redirect_url(self) -> str:
        return reverse("oncall:overview")

    def perform(self, form: EmptyForm) -> CalendarFeed:
        from oncall.services.feeds import calendar_feed_rotate

        return calendar_feed_rotate(actor=self.actor)


class CalendarFeedView(View):
    """The iCalendar feed of one person's shifts: the secret address is the credential (calendar apps cannot
    sign in)."""

    required_permission = PUBLIC

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
        if feed is None or feed.user.status != "active":
            raise Http404("No such calendar.")
        response = HttpResponse(user_calendar(feed.user), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="on-call.ics"'
        response["Cache-Control"] = "private, max-age=300"
        return response
