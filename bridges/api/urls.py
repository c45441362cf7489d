from rest_framework.routers import SimpleRouter

from bridges.api.views import BridgeParticipantViewSet, BridgeViewSet

router = SimpleRouter()
router.register("bridges", BridgeViewSet, basename="bridge")
router.register("bridge-participants", BridgeParticipantViewSet, basename="bridge-participant")
urlpatterns = router.urls
