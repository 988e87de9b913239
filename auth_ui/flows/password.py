"""Recovering a password with an emailed code, and the policy every new password must meet.

Whether an account exists never shows: "if an account exists, we sent it a code", a weak
password is refused before Cognito is asked, and the gateway reads an unknown account's answer
to a code as a wrong code.

The code and the new password are asked for on two steps (a mistyped code then never costs the
passwords typed), but Cognito's ConfirmForgotPassword takes them together: the code waits in
the server-side session until the password comes, and a refused code goes back to its step.
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
        else _("If an account exists for %(email)s, we sent it a code.")
    )
    reset = "auth_ui:password_reset"
    outcome = send_code(
        request, username, cognito.forgot_password, reset, notice % {"email": username}, again=again
    )
    session.clear_reset_code(request)  # a new code: the one typed before is of no more use
    return outcome


@sensitive_variables("code")
def take_reset_code(request: HttpRequest, *, username: str, code: str) -> Outcome:
    """The reset's first step: keep the code for the second, where the password is chosen."""
    session.remember_email(request, username)
    session.remember_reset_code(request, username=username, code=code)
    return Outcome(reverse("auth_ui:password_reset"))


def reset_code_taken(request: HttpRequest) -> str:
    """The account whose reset code waits for its new password, else ""."""
    pending = session.pending_reset_code(request)
    return pending[0] if pending else ""


# Refusals that mean the code must be typed again (or a new one asked for): back to its step.
CODE_REFUSED = {
    "CodeMismatchException",
    "ExpiredCodeException",
    "LimitExceededException",
    "TooManyFailedAttemptsException",
}


@sensitive_variables("password", "pending", "code")
def finish_password_reset(request: HttpRequest, *, password: str) -> Outcome:
    """The reset's second step: the new password, with the code kept from the first."""
    pending = session.pending_reset_code(request)
    if pending is None:
        raise cognito.AuthError("ExpiredCodeException")
    username, code = pending
    try:
        outcome = reset_password(request, username=username, code=code, password=password)
    except cognito.AuthError as error:
        if error.code in CODE_REFUSED:
            session.clear_reset_code(request)
        raise
    session.clear_reset_code(request)
    return outcome


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
