"""When the shared cache (Redis) is briefly unreachable, a request answers a plain 503 with
Retry-After instead of a 500; the first request after Redis is back is served as usual.

It is the site's `handler500`, so it sees the error wherever it was raised: in a view, in the
session middleware or in a rate limit. Any other error gets Django's own 500 page.
"""

import sys

from django.http import HttpRequest, HttpResponse
from django.views.defaults import server_error as django_server_error

try:
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    OUTAGES: tuple[type[Exception], ...] = (RedisConnectionError, RedisTimeoutError)
except ImportError:  # redis is a production dependency; without it there is nothing to catch
    OUTAGES = ()

MESSAGE = "This site is briefly unavailable. Please try again in a moment."


def server_error(request: HttpRequest) -> HttpResponse:
    if isinstance(sys.exc_info()[1], OUTAGES):
        response = HttpResponse(MESSAGE, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "5"
        return response
    return django_server_error(request)
