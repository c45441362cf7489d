from django.urls import path
from rest_framework.routers import SimpleRouter

from integrations.api.views import AlertViewSet, IntakeView, IntegrationViewSet

router = SimpleRouter()
router.register("integrations", IntegrationViewSet, basename="integration")
router.register("alerts", AlertViewSet, basename="alert")
urlpatterns = [
    path("intake/<str:key>/", IntakeView.as_view(), name="api-alert-intake"),
    *router.urls,
]
