from django.urls import path

from workspace import views

app_name = "workspace"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("system/", views.SystemStatusView.as_view(), name="system-status"),
    path("incidents/<int:pk>/", views.IncidentDetailView.as_view(), name="incident-detail"),
    path("problems/<int:pk>/", views.ProblemDetailView.as_view(), name="problem-detail"),
    path("clients/<int:pk>/", views.ClientDetailView.as_view(), name="client-detail"),
]
