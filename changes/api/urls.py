from rest_framework.routers import SimpleRouter

from changes.api.views import ChangeViewSet, RollbackViewSet

router = SimpleRouter()
router.register("changes", ChangeViewSet, basename="change")
router.register("rollbacks", RollbackViewSet, basename="rollback")
urlpatterns = router.urls
