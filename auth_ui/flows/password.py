"""Recovering a password with an emailed code, and the policy every new password must meet.

Whether an account exists never shows: "if an account exists, we sent it a code", a weak
password is refused before Cognito is asked, and the gateway reads an unknown account's answer
to a code as a wrong code.
"""

from django.contrib import messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from .. import cognito, ratelimit, session
from ..password_policy import describe, is_met
from .codes import send_code
from .outcome import Outcome


def policy_text() -> str:
    """The pool's password policy in words: shown under new passwords and when one is refused."""
    return describe(cognito.password_policy())


@sensitive_variables("password")
def check_new_password(password: str) -> None:
    """Refuse a password the pool's policy would refuse, without asking Cognito."""
    if not is_met(cognito.password_policy(), password):
        raise cognito.AuthError("InvalidPasswordException")


def send_reset_code(request: HttpRequest, *, username: str, again: bool = False) -> Outcome:
    """The forgot-password step, or the reset step's "Resend code" (`again`)."""
    notice = (
        _("If an account exists for %(email)s, we sent it a new code.")
        if again
        else _("If an account exists for %(email)s, we sent it a code. Enter it below.")
    )
    reset = "auth_ui:password_reset"
    return send_code(
        request, username, cognito.forgot_password, reset, notice % {"email": username}
    )


@sensitive_variables("password")
def reset_password(request: HttpRequest, *, username: str, code: str, password: str) -> Outcome:
    session.remember_email(request, username)
    check_new_password(password)
    ratelimit.consume(request, "confirm_code", key=username)
    cognito.confirm_forgot_password(username=username, code=code, password=password)
    return Outcome(
        reverse("auth_ui:sign_in"),
        _("Your password has been changed. Sign in with it now."),
        messages.SUCCESS,
    )
