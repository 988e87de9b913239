"""Sending an emailed code, the same way from every flow: within the per-email rate limit, and
saying where to type it."""

from collections.abc import Callable

from django.http import HttpRequest
from django.urls import reverse

from .. import ratelimit, session
from .outcome import Outcome


def send_code(
    request: HttpRequest, username: str, send: Callable[..., None], url_name: str, notice
) -> Outcome:
    """`send` is the gateway function that sends it; `url_name` the step that takes it."""
    ratelimit.consume(request, "send_code", key=username)
    send(username=username)
    session.remember_email(request, username)
    return Outcome(reverse(url_name), notice)
