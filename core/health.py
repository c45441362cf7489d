"""`/health/`: a liveness and readiness probe for load balancers and docker compose."""

from django.db import connection
from django.http import HttpRequest, JsonResponse

from core.permissions import PUBLIC
from core.selectors import heartbeat_state


def health(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception as exc:  # the probe reports any failure rather than raising it
        database = f"error: {type(exc).__name__}"
    beat = heartbeat_state()
    body = {
        "status": "ok" if database == "ok" else "error",
        "database": database,
        "scheduler": "ok" if beat["healthy"] else ("stale" if beat["seen"] else "not seen yet"),
    }
    return JsonResponse(body, status=200 if database == "ok" else 503)


health.required_permission = PUBLIC  # type: ignore[attr-defined]
