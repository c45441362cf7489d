from rest_framework.routers import SimpleRouter

from reports.api.views import RCAViewSet, ReportViewSet, ReviewViewSet

router = SimpleRouter()
router.register("rcas", RCAViewSet, basename="rca")
router.register("post-incident-reviews", ReviewViewSet, basename="post-incident-review")
router.register("incident-reports", ReportViewSet, basename="incident-report")
urlpatterns = router.urls
