from django.urls import path
from rest_framework.routers import SimpleRouter

from communications.api.status import IncidentStatusUpdatesView
from communications.api.views import CommunicationViewSet

router = SimpleRouter()
router.register("communications", CommunicationViewSet, basename="communication")
urlpatterns = [
    path("incidents/<int:pk>/status-updates/", IncidentStatusUpdatesView.as_view(), name="api-status-updates"),
    *router.urls,
]
