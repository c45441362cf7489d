from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from accounts import views as account_views
from core.permissions import PUBLIC
from core.routing import KeptResolver
from reports.api.views import MetricsView
from reports.trend_views import TrendCSVView
from reports.views import MetricsDashboardView

for _view in (SpectacularAPIView, SpectacularSwaggerSplitView, SpectacularRedocView):
    setattr(_view, "required_permissions", {"get": PUBLIC})  # noqa: B010

# The documentation viewers run only the scripts this site serves, but style their widgets inline and start
# workers from blobs; their pages alone allow that.
docs_policy = csp_update({"style-src": [UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})

api_v1: list[URLPattern | URLResolver] = [
    path("", include("accounts.api.urls")),
    path("", include("cmdb.api.urls")),
    path("", include("sla.api.urls")),
    path("", include("incidents.api.urls")),
    path("", include("bridges.api.urls")),
    path("", include("problems.api.urls")),
    path("", include("communications.api.urls")),
    path("", include("changes.api.urls")),
    path("", include("approvals.api.urls")),
    path("", include("reports.api.urls")),
    path("", include("response.api.urls")),
    path("", include("oncall.api.urls")),
    path("", include("integrations.api.urls")),
    path("metrics/<str:name>/", MetricsView.as_view(), name="api-metrics"),
]

routes: list[URLPattern | URLResolver] = [
    path("api/v1/", include(api_v1)),  # first: the busiest prefix is matched before the pages' patterns
    path("", include("core.urls")),
    path("", include("workspace.urls")),
    path("login/", account_views.LoginView.as_view(), name="login"),
    path("logout/", account_views.LogoutView.as_view(), name="logout"),
    path("", include("accounts.urls")),
    path("cmdb/", include("cmdb.urls")),
    path("sla/", include("sla.urls")),
    path("", include("incidents.urls")),
    path("", include("bridges.urls")),
    path("problems/", include("problems.urls")),
    path("", include("changes.urls")),
    path("approvals/", include("approvals.urls")),
    path("", include("communications.urls")),
    path("", include("reports.urls")),
    path("", include("response.urls")),
    path("on-call/", include("oncall.urls")),
    path("integrations/", include("integrations.urls")),
    path("metrics/", MetricsDashboardView.as_view(), name="metrics"),
    path("metrics/trends.csv", TrendCSVView.as_view(), name="metrics-trend-csv"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", docs_policy(SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
    path("api/redoc/", docs_policy(SpectacularRedocView.as_view(url_name="api-schema")), name="api-redoc"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    routes += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns = [KeptResolver(routes)]

handler400 = "core.api.exceptions.bad_request"
handler403 = "core.api.exceptions.forbidden"
handler404 = "core.api.exceptions.not_found"
handler500 = "core.api.exceptions.server_error"
