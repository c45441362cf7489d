from rest_framework.routers import SimpleRouter

from cmdb.api.views import ConfigurationItemViewSet

router = SimpleRouter()
router.register("configuration-items", ConfigurationItemViewSet, basename="configuration-item")
urlpatterns = router.urls
