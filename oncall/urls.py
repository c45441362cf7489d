from django.urls import path

from oncall import views

app_name = "oncall"
urlpatterns = [
    path("", views.OnCallView.as_view(), name="overview"),
    path("schedules/<int:pk>/", views.ScheduleDetailView.as_view(), name="schedule-detail"),
    path("schedules/<int:pk>/overrides/", views.OverrideCreateView.as_view(), name="override-create"),
    path("policies/<int:pk>/", views.PolicyDetailView.as_view(), name="policy-detail"),
    path("pages/", views.PageListView.as_view(), name="page-list"),
    path("pages/<int:pk>/acknowledge/", views.PageAcknowledgeView.as_view(), name="page-acknowledge"),
    path("ack/<str:token>/", views.AcknowledgeLinkView.as_view(), name="acknowledge-link"),
    path("calendar/", views.CalendarRotateView.as_view(), name="calendar-rotate"),
    path("calendar/<str:token>.ics", views.CalendarFeedView.as_view(), name="calendar-feed"),
]
