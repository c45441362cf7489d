from django.urls import path

from sla import views

app_name = "sla"
urlpatterns = [
    path("", views.AgreementListView.as_view(), name="agreement-list"),
    path("new/", views.AgreementCreateView.as_view(), name="agreement-create"),
    path("breaches/", views.BreachReportView.as_view(), name="breaches"),
    path("clients/<int:pk>/calendar/", views.BusinessCalendarView.as_view(), name="calendar"),
    path("<int:pk>/edit/", views.AgreementUpdateView.as_view(), name="agreement-update"),
]
