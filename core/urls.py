from django.urls import path

from core.health import health

urlpatterns = [
    path("health/", health, name="health"),
]
