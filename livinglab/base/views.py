import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from search.backends import search_status

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """Liveness and dependencies for load balancers and operators.

    200 when the database answers (search may have fallen back to the
    database: that is degraded, not down), 503 when the database does not.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = {"ok": True, "vendor": connection.vendor}
    except DatabaseError as exc:
        logger.error("healthz: database not answering: %s", exc)
        database = {
            "ok": False,
            "vendor": connection.vendor,
            "error": type(exc).__name__,
        }
    search = search_status()
    status = "ok" if database["ok"] and search["ok"] else "degraded"
    if not database["ok"]:
        status = "down"
    return JsonResponse(
        {"status": status, "database": database, "search": search},
        status=200 if database["ok"] else 503,
    )
