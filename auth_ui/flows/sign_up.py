"""Creating an account and confirming its email with a code.

Sign-up itself says when an email already has an account (Cognito's SignUp does); confirming
and resending read the same for every email, whether its account exists, waits or is confirmed.
"""

import logging

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
from .passwordless import other_ways
from .sign_in import advance

logger = logging.getLogger(__name__)


@sensitive_variables("password")
def sign_up(
    request: HttpRequest, *, username: str, email: str, password: str, next_url: str
) -> Outcome:
    """`password` "": an account without one, where the pool allows signing in by emailed code
    (flows.passwordless); its confirmation code then signs the person in."""
    if password or "EMAIL_OTP" not in other_ways(request):
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
    sign_in_session = cognito.confirm_sign_up(username=username, code=code)
    session.mark_confirmed(request, username)
    if signed_in := sign_in_after_confirming(request, username, sign_in_session):
        return signed_in
    notice = _("Your email is confirmed. Sign in to continue.")
    return Outcome(reverse("auth_ui:sign_in"), notice, messages.SUCCESS)


@sensitive_variables("sign_in_session", "result")
def sign_in_after_confirming(
    request: HttpRequest, username: str, sign_in_session: str
) -> Outcome | None:
    """With USER_AUTH, the code that confirmed the email signs the person in (ConfirmSignUp's
    session, as Amplify's auto sign-in uses it): no password typed twice. None where that isn't
    possible (another flow, no session, Cognito asks for more), and sign-in happens as usual."""
    if settings.COGNITO_SIGN_IN_FLOW != "choice" or not sign_in_session:
        return None
    try:
        result = cognito.user_auth(username=username, session=sign_in_session)
    except cognito.AuthError as error:
        logger.info("Signing in after confirming did not work (%s): sign in as usual", error.code)
        return None
    if not isinstance(result, cognito.Tokens):
        return None
    return advance(request, result, next_url=session.remembered_next(request))


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
