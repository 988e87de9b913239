"""Pages that are not steps: the dev mailbox, and what a request we could not take gets."""

from datetime import UTC

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from .. import stub_outbox
from ..steps import HtmxHttpRequest

# What each code the stub records is for (its outbox purposes, cognito_stub/codes.py), in words.
PURPOSE_LABELS = {
    "sign_up": gettext_lazy("Sign-up code"),
    "resend": gettext_lazy("Sign-up code (sent again)"),
    "forgot_password": gettext_lazy("Password reset code"),
    "verify_email": gettext_lazy("Email verification code"),
    "verify_phone": gettext_lazy("Phone verification code"),
    "mfa_email": gettext_lazy("Sign-in code (email)"),
    "mfa_sms": gettext_lazy("Sign-in code (text message)"),
    "sign_in_email": gettext_lazy("Sign-in code (email)"),
    "sign_in_sms": gettext_lazy("Sign-in code (text message)"),
    "invitation": gettext_lazy("Temporary password (invitation)"),
}


@require_safe
def dev_mailbox(request: HtmxHttpRequest) -> HttpResponse:
    """The codes the local stub "sent", so a person can finish sign-up without email: what
    each is for in plain words, how long ago it came, newest first. htmx polls the list."""
    if not stub_outbox.in_use():
        raise Http404
    now = timezone.now()
    outbox = stub_outbox.read(settings.COGNITO_ENDPOINT_URL)
    sent = []
    for number, message in enumerate(outbox.messages):
        purpose = str(message.get("purpose") or "")
        try:
            at = parse_datetime(str(message.get("sent_at") or ""))
        except ValueError:
            at = None
        if at is not None and timezone.is_naive(at):
            at = timezone.make_aware(at, UTC)
        if at is not None and (now - at).total_seconds() < 60:
            ago = _("just now")
        elif at is not None:
            ago = _("%(delta)s ago") % {"delta": timesince(at, now, depth=1)}
        else:
            ago = ""
        fallback = purpose.replace("_", " ").strip().capitalize() or _("Code")
        sent.append(
            {
                **message,
                "label": PURPOSE_LABELS.get(purpose, fallback),
                "at": at,
                "ago": ago,
                "key": len(outbox.messages) - number,  # the oldest is 1: stable while polling
            }
        )
    template = "dev/mailbox.html#messages" if request.htmx else "dev/mailbox.html"
    context = {"title": _("Dev mailbox"), "outbox": outbox, "sent": sent}
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def problem(request: HttpRequest, explanation: str, *, status: int) -> HttpResponse:
    context = {"title": _("Please try again"), "explanation": explanation}
    return render(request, "auth/problem.html", context, status=status)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    explanation = _(
        "This form had expired, for your security. Go back, reload the page and send it again."
    )
    return problem(request, explanation, status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    explanation = _(
        "Your browser sent something this site couldn't read. Reload the page and try again."
    )
    return problem(request, explanation, status=400)
