from django.urls import path
from rest_framework.routers import SimpleRouter

from sla.api.breaches import SLABreachReportView
from sla.api.views import SLAAgreementViewSet

router = SimpleRouter()
router.register("sla-agreements", SLAAgreementViewSet, basename="sla-agreement")
urlpatterns = [path("sla-breaches/", SLABreachReportView.as_view(), name="sla-breaches"), *router.urls]
