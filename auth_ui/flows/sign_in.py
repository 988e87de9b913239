"""Signing in as a sequence of stages: the password, then each challenge Cognito sets, then
completion. In the spirit of django-allauth's login stages, a new Cognito challenge is one more
entry in STAGES (its page and its words), not another branch.

Between stages the pending sign-in (Cognito's challenge and where to go afterwards) lives in the
server-side session; only the stage it names can answer it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from .. import cognito, ratelimit, session
from ..messages import refusal
from ..next_url import safe_next_url
from .codes import send_code
from .outcome import Outcome
from .password import check_new_password
from .session import complete_sign_in

# Answers that count as a failed sign-in for the rate limits.
FAILED_SIGN_IN_CODES = {"NotAuthorizedException", "UserNotFoundException"}


@dataclass(frozen=True)
class Stage:
    """One Cognito challenge a person answers on a page of its own."""

    url_name: str
    notice: Promise
    # Checks what the person typed before Cognito is asked (raises AuthError), if anything.
    check: Callable[[dict[str, str]], None] | None = None


STAGES: dict[str, Stage] = {
    "NEW_PASSWORD_REQUIRED": Stage(
        "auth_ui:new_password",
        _("Choose a new password to finish signing in."),
        check=lambda responses: check_new_password(responses["NEW_PASSWORD"]),
    ),
}


@sensitive_variables("password", "result")
def sign_in(request: HttpRequest, *, username: str, password: str, next_url: str) -> Outcome:
    """The first stage: email and password."""
    usage = ratelimit.consume(request, "sign_in_failed", key=username)
    try:
        result = cognito.initiate_auth(username=username, password=password)
    except cognito.AuthError as error:
        if error.code not in FAILED_SIGN_IN_CODES:
            usage.rollback()
        detour = DETOURS.get(error.code)
        if detour is None:
            raise
        return take_detour(request, detour, username)
    usage.rollback()
    session.clear_pending_sign_in(request)
    return advance(request, result, next_url=next_url)


@sensitive_variables("result")
def advance(
    request: HttpRequest, result: cognito.Tokens | cognito.Challenge, *, next_url: str
) -> Outcome:
    """On to the stage Cognito's answer asks for, or, with tokens, sign the person in."""
    if isinstance(result, cognito.Tokens):
        session.clear_pending_sign_in(request)
        complete_sign_in(request, result)
        session.pop_next(request)
        return Outcome(safe_next_url(request, next_url), done=True)
    stage = STAGES.get(result.name)
    if stage is None:
        session.clear_pending_sign_in(request)
        raise cognito.AuthError("UnsupportedChallenge")
    session.store_pending_sign_in(request, session.PendingSignIn(result, next_url))
    return Outcome(reverse(stage.url_name), stage.notice)


def awaits(request: HttpRequest, challenge: str) -> bool:
    """Whether a pending sign-in waits for the person to answer `challenge`."""
    pending = session.pending_sign_in(request)
    return pending is not None and pending.challenge.name == challenge


@sensitive_variables("responses", "pending", "result")
def answer_challenge(request: HttpRequest, *, challenge: str, responses: dict[str, str]) -> Outcome:
    """A later stage: the person's answer to the challenge Cognito set."""
    pending = session.pending_sign_in(request)
    if pending is None or pending.challenge.name != challenge:
        return start_again(request)
    stage = STAGES[challenge]
    if stage.check is not None:
        stage.check(responses)
    try:
        result = cognito.respond_to_challenge(challenge=pending.challenge, responses=responses)
    except cognito.AuthError as error:
        if error.code == "SessionExpired":
            return start_again(request)
        raise
    return advance(request, result, next_url=pending.next)


def start_again(request: HttpRequest) -> Outcome:
    """Cognito's challenge session lasts 3 minutes: past it (or with none), sign in anew."""
    session.clear_pending_sign_in(request)
    notice = _("This sign-in took too long. Please sign in again.")
    return Outcome(reverse("auth_ui:sign_in"), notice, messages.WARNING)


@dataclass(frozen=True)
class Detour:
    """Sign-in can't finish until the person uses an emailed code: send one, go to its step."""

    send_code: str  # the gateway function that sends it
    url_name: str
    notice: Promise


DETOURS = {
    "UserNotConfirmedException": Detour(
        "resend_confirmation_code",
        "auth_ui:confirm",
        _("Confirm your email first: we sent you a new code."),
    ),
    "PasswordResetRequiredException": Detour(
        "forgot_password",
        "auth_ui:password_reset",
        _("You need a new password: we sent a code to your email."),
    ),
}


def take_detour(request: HttpRequest, detour: Detour, username: str) -> Outcome:
    """The code step, with a fresh code; if none could be sent, it says so there."""
    session.remember_email(request, username)
    send = getattr(cognito, detour.send_code)
    try:
        return send_code(request, username, send, detour.url_name, detour.notice)
    except cognito.AuthError as error:
        return Outcome(reverse(detour.url_name), refusal(error.code).message, messages.WARNING)
