"""Probes for a load balancer: `/healthz` (the process answers) and `/readyz` (its database and
cache answer). Neither calls Cognito, reads a session or writes a log line of its own."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, 1, 5)
    if cache.get(key) != 1:
        raise RuntimeError("the cache did not keep a value")
    cache.delete(key)


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    checks = {}
    for name, check in (("database", _database), ("cache", _cache)):
        try:
            check()
            checks[name] = "ok"
        except Exception as error:  # any failure means "not ready", said plainly
            logger.warning("readyz: %s unreachable: %s", name, type(error).__name__)
            checks[name] = "unreachable"
    ready = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503
    )
