from django.urls import path
from rest_framework.routers import SimpleRouter

from integrations.api.views import AlertViewSet, IntakeView, IntegrationViewSet, WebhookViewSet

router = SimpleRouter()
router.register("integrations", IntegrationViewSet, basename="integration")
router.register("alerts", AlertViewSet, basename="alert")
router.register("webhooks", WebhookViewSet, basename="webhook")
urlpatterns = [
    path("intake/<str:key>/", IntakeView.as_view(), name="api-alert-intake"),
    *router.urls,
]
