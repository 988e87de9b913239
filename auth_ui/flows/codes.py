"""Sending an emailed code, the same way from every flow: within the per-email rate limit, and
saying where to type it."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from .. import ratelimit, session
from .outcome import Outcome

# After "Resend code" worked, the button rests this long before it can send another.
RESEND_COOLDOWN_SECONDS = 30


def send_code(
    request: HttpRequest,
    username: str,
    send: Callable[..., None],
    url_name: str,
    notice,
    *,
    again: bool = False,
) -> Outcome:
    """`send` is the gateway function that sends it; `url_name` the step that takes it;
    `again`: a resend, after which the next one waits (RESEND_COOLDOWN_SECONDS, or the
    AUTH_RESEND_COOLDOWN_SECONDS setting)."""
    ratelimit.consume(request, "send_code", key=username)
    send(username=username)
    session.remember_email(request, username)
    if again:
        start_resend_cooldown(username)
    return Outcome(reverse(url_name), notice)


def start_resend_cooldown(to: str) -> None:
    """After a resend, "Resend code" rests (counting down) before it can send to `to` again."""
    seconds = getattr(settings, "AUTH_RESEND_COOLDOWN_SECONDS", RESEND_COOLDOWN_SECONDS)
    ratelimit.start_cooldown("send_code", key=to, seconds=seconds)


def resend_wait(request: HttpRequest, *, username: str) -> int:
    """Seconds until another code can be sent to `username` (0: now), for the step's
    "Resend code" button: the cooldown after the last resend, or this site's limit."""
    return ratelimit.wait(request, "send_code", key=username) if username else 0
