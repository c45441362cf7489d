from django.urls import path
from rest_framework.routers import SimpleRouter

from accounts.api.views import ClientViewSet, TokenView, UserViewSet

router = SimpleRouter()
router.register("users", UserViewSet, basename="user")
router.register("clients", ClientViewSet, basename="client")

urlpatterns = [path("auth/token/", TokenView.as_view(), name="api-token"), *router.urls]
