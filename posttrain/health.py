"""The /healthz probe: one line of JSON per dependency, 503 when one does not answer."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .celery import app as celery_app


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def check_cache():
    cache.set("healthz", "1", 10)
    if cache.get("healthz") != "1":
        raise RuntimeError("cache did not return what was stored")
    return "ok"


def check_broker():
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "inline"
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker}


@never_cache
@require_GET
def healthz(request):
    states = {}
    for name, check in CHECKS.items():
        try:
            states[name] = check()
        except Exception as exc:  # any failure of a dependency is a 503, never a 500
            states[name] = f"error: {exc.__class__.__name__}"
    healthy = all(not state.startswith("error") for state in states.values())
    return JsonResponse(states, status=200 if healthy else 503)
