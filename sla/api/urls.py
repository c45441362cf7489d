from rest_framework.routers import SimpleRouter

from sla.api.views import SLAAgreementViewSet

router = SimpleRouter()
router.register("sla-agreements", SLAAgreementViewSet, basename="sla-agreement")
urlpatterns = router.urls
