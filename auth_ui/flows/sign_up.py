"""Creating an account and confirming its email with a code.

Sign-up itself says when an email already has an account (Cognito's SignUp does); confirming
and resending read the same for every email, whether its account exists, waits or is confirmed.
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from .. import cognito, ratelimit, session
from .codes import send_code
from .outcome import Outcome
from .password import check_new_password


@sensitive_variables("password")
def sign_up(
    request: HttpRequest, *, username: str, email: str, password: str, next_url: str
) -> Outcome:
    check_new_password(password)
    ratelimit.consume(request, "sign_up")
    cognito.sign_up(username=username, email=email, password=password)
    if settings.COGNITO_AUTO_CONFIRM:
        cognito.admin_confirm_sign_up(username=username)
    session.remember_email(request, username)
    session.remember_next(request, next_url)
    if settings.COGNITO_AUTO_CONFIRM:
        notice = _("Your account is ready. Sign in to continue.")
        return Outcome(reverse("auth_ui:sign_in"), notice, messages.SUCCESS)
    # No notice: the code step says where the code went ("Sent to <the address typed>"), and
    # Cognito's masked copy of it (destination) would only contradict that.
    return Outcome(reverse("auth_ui:confirm"))


def confirm_sign_up(request: HttpRequest, *, username: str, code: str) -> Outcome:
    session.remember_email(request, username)
    ratelimit.consume(request, "confirm_code", key=username)
    cognito.confirm_sign_up(username=username, code=code)
    session.mark_confirmed(request, username)
    notice = _("Your email is confirmed. Sign in to continue.")
    return Outcome(reverse("auth_ui:sign_in"), notice, messages.SUCCESS)


def confirm_step_passed(request: HttpRequest) -> Outcome | None:
    """The code step asked for after this session confirmed its address (Back, a bookmark):
    on to sign in, instead of a form for a code that is no longer needed."""
    username = session.remembered_email(request)
    if not username or session.confirmed_username(request) != username:
        return None
    notice = _("Your email is already confirmed. Sign in to continue.")
    return Outcome(reverse("auth_ui:sign_in"), notice)


def resend_confirmation_code(request: HttpRequest, *, username: str) -> Outcome:
    notice = _("If %(email)s is waiting to be confirmed, we sent it a new code.") % {
        "email": username
    }
    return send_code(
        request,
        username,
        cognito.resend_confirmation_code,
        "auth_ui:confirm",
        notice,
        again=True,
    )
