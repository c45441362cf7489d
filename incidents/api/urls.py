from django.urls import path
from rest_framework.routers import SimpleRouter

from incidents.api.views import (
    AttachmentViewSet,
    EscalationViewSet,
    IncidentViewSet,
    SeverityAssessmentView,
    WorkNoteViewSet,
)

router = SimpleRouter()
router.register("incidents", IncidentViewSet, basename="incident")
router.register("work-notes", WorkNoteViewSet, basename="work-note")
router.register("escalations", EscalationViewSet, basename="escalation")
router.register("attachments", AttachmentViewSet, basename="attachment")

urlpatterns = [
    path("incidents/severity-assessment/", SeverityAssessmentView.as_view(), name="severity-assessment"),
    *router.urls,
]
