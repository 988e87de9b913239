"""What the views share: the posted data, and the form of a step that takes an emailed code."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from .. import flows, session
from ..forms import (
    AuthForm,
    email_field,
    username_field,
)
from ..next_url import requested_next, safe_next_url
from ..steps import STEPS, HtmxHttpRequest, countdown, go_to


def posted(request: HttpRequest) -> dict[str, Any] | None:
    return request.POST if request.method == "POST" else None


def code_step_form(request: HttpRequest, form_class: type[AuthForm]) -> AuthForm:
    """A step that takes an emailed code, or (its second button) sends another one."""
    return form_class(
        posted(request),
        initial={"email": session.remembered_email(request)},
        resend=request.POST.get("action") == "resend",
    )


def initial_email(request: HttpRequest) -> str:
    """The address to prefill: a valid `?email=` (a link carrying what was typed elsewhere,
    checked as the field checks it, and rendered escaped like any value), else the one this
    session remembers."""
    typed = request.GET.get("email", "")
    if typed:
        field = username_field() if settings.COGNITO_USES_USERNAMES else email_field()
        try:
            return field.clean(typed)
        except ValidationError:
            pass
    return session.remembered_email(request)


def signed_in_away(request: HtmxHttpRequest) -> HttpResponse | None:
    """A signed-in person asking for a signed-out step (sign up, confirm, reset a password):
    on to where they were going, or the account, as sign-in does."""
    if request.method == "POST" or not request.user.is_authenticated:
        return None
    return go_to(request, flows.Outcome(safe_next_url(request, requested_next(request))))


def code_step(request: HtmxHttpRequest, step: str, form, *, change_url: str) -> dict[str, Any]:
    """A code step's address. Known (the session's): said once above the form, "Sent to … ·
    Change", and carried hidden. Not known, or being changed (`?change=email`): the field, under
    a lead saying what the code is and how to get one. And how long "Resend code" rests."""
    remembered = session.remembered_email(request)
    shown = form.data.get("email", "") if form.is_bound else remembered
    wait = countdown(flows.resend_wait(request, username=shown))
    if remembered and shown == remembered and "change" not in request.GET:
        form.hide_email()
        return {"sent_to": remembered, "change_url": change_url, "resend_wait": wait}
    return {"lead": STEPS[step].lead_unknown, "resend_wait": wait}
