"""Changing an attribute Cognito verifies with a code (the email, the phone number): the code
goes to the new value; until it is typed in, the old value is the one in use."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .. import ratelimit, session
from ..cognito import account as cognito_account
from .account import current_user, done, with_access_token
from .codes import start_resend_cooldown
from .outcome import Outcome
from .session import sync_email


@dataclass(frozen=True)
class Verifiable:
    url_name: str  # the page that changes it and takes its code
    sent: Promise
    resent: Promise
    changed: Promise


VERIFIABLE = {
    "email": Verifiable(
        "auth_ui:account_email",
        _("We sent a code to %(value)s. Enter it below to start using that address."),
        _("We sent a new code to %(value)s."),
        _("Your email address is now %(value)s."),
    ),
    "phone_number": Verifiable(
        "auth_ui:account_phone",
        _("We texted a code to %(value)s. Enter it below to confirm the number."),
        _("We texted a new code to %(value)s."),
        _("Your phone number is now %(value)s."),
    ),
}


def change(request: HttpRequest, *, attribute: str, value: str) -> Outcome:
    ratelimit.consume(request, "send_code", key=value)
    with_access_token(
        request,
        lambda token: cognito_account.update_user_attributes(
            access_token=token, attributes={attribute: value}
        ),
    )
    session.remember_attribute_change(request, attribute, value)
    return _on_page(attribute, VERIFIABLE[attribute].sent, value)


def verify_current(request: HttpRequest, *, attribute: str) -> Outcome:
    """A value in use but not verified (a person created without, say) gets its code."""
    user = current_user(request)
    return resend_code(request, attribute=attribute, to=user.attributes.get(attribute, ""))


def resend_code(request: HttpRequest, *, attribute: str, to: str = "") -> Outcome:
    to = to or session.pending_attribute_change(request, attribute)
    ratelimit.consume(request, "send_code", key=to)
    with_access_token(
        request,
        lambda token: cognito_account.send_attribute_code(access_token=token, attribute=attribute),
    )
    session.remember_attribute_change(request, attribute, to)
    start_resend_cooldown(to)
    return _on_page(attribute, VERIFIABLE[attribute].resent, to)


def verify(request: HttpRequest, *, attribute: str, code: str) -> Outcome:
    ratelimit.consume(
        request, "confirm_code", key=session.pending_attribute_change(request, attribute)
    )
    with_access_token(
        request,
        lambda token: cognito_account.verify_attribute(
            access_token=token, attribute=attribute, code=code
        ),
    )
    user = current_user(request)
    sync_email(request.user, user.email)
    session.clear_attribute_change(request, attribute)
    value = user.attributes.get(attribute, "")
    return done(VERIFIABLE[attribute].changed % {"value": value})


def start_over(request: HttpRequest, *, attribute: str) -> Outcome:
    session.clear_attribute_change(request, attribute)
    return Outcome(reverse(VERIFIABLE[attribute].url_name))


def _on_page(attribute: str, notice: Promise, value: str) -> Outcome:
    return Outcome(reverse(VERIFIABLE[attribute].url_name), notice % {"value": value})
