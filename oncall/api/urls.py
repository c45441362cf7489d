from rest_framework.routers import SimpleRouter

from oncall.api.views import PageViewSet, PolicyViewSet, ScheduleViewSet

router = SimpleRouter()
router.register("schedules", ScheduleViewSet, basename="schedule")
router.register("escalation-policies", PolicyViewSet, basename="escalation-policy")
router.register("on-call-pages", PageViewSet, basename="on-call-page")
urlpatterns = router.urls
