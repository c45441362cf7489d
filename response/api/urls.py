from django.urls import path
from rest_framework.routers import SimpleRouter

from response.api import phases
from response.api.views import ActionItemViewSet

router = SimpleRouter()
router.register("action-items", ActionItemViewSet, basename="action-item")
urlpatterns = [
    path("incidents/<int:pk>/phases/", phases.PhaseListView.as_view(), name="api-phases"),
    path("incidents/<int:pk>/phases/<str:phase>/", phases.PhaseSaveView.as_view(), name="api-phase"),
    path("incidents/<int:pk>/phases/<str:phase>/submit/", phases.PhaseSubmitView.as_view(), name="api-phase-submit"),
    path("incidents/<int:pk>/phases/<str:phase>/review/", phases.PhaseReviewView.as_view(), name="api-phase-review"),
    path("incidents/<int:pk>/post-mortem/", phases.PostmortemView.as_view(), name="api-postmortem"),
    *router.urls,
]
