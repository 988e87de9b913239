"""One log line per request, with an id that the response and every other line share."""

import logging
import re
import time
import uuid

from django.http import HttpRequest, HttpResponse

from .logs import request_id

logger = logging.getLogger("core.request")
# An id a load balancer or proxy already gave the request is kept when it looks like one.
INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if INCOMING_ID.match(incoming) else uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = rid
            return response
        finally:
            duration = round((time.perf_counter() - started) * 1000, 1)
            # The path only: a query string is the person's to keep (it may hold an email).
            logger.info(
                "%s %s %s %.1fms",
                request.method,
                request.path,
                status,
                duration,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "duration_ms": duration,
                    "remote_addr": request.META.get("REMOTE_ADDR", ""),
                },
            )
            request_id.reset(token)
