from django.urls import path

from core import views
from core.health import health

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("system/", views.SystemStatusView.as_view(), name="system-status"),
    path("health/", health, name="health"),
]
