"""Signing in as a sequence of stages: the password, then each challenge Cognito sets, then
completion. In the spirit of django-allauth's login stages, a new Cognito challenge is one more
entry in STAGES (its page and its words), not another branch.

Between stages the pending sign-in (Cognito's challenge and where to go afterwards) lives in the
server-side session; only the stage it names can answer it.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
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
    notice: Promise  # may name `%(destination)s`, where Cognito sent a code
    # Checks what the person typed before Cognito is asked (raises AuthError), if anything.
    check: Callable[[dict[str, str]], None] | None = None
    # For a stage answered with a code: the ChallengeResponses key the code goes in.
    code_key: str = ""


STAGES: dict[str, Stage] = {
    "NEW_PASSWORD_REQUIRED": Stage(
        "auth_ui:new_password",
        _("Choose a new password to finish signing in."),
        check=lambda responses: check_new_password(responses["NEW_PASSWORD"]),
    ),
    "SOFTWARE_TOKEN_MFA": Stage(
        "auth_ui:mfa_code",
        _("Enter the code your authenticator app shows for this site."),
        code_key="SOFTWARE_TOKEN_MFA_CODE",
    ),
    "SMS_MFA": Stage(
        "auth_ui:mfa_code",
        _("We texted a code to %(destination)s. Enter it to finish signing in."),
        code_key="SMS_MFA_CODE",
    ),
    "EMAIL_OTP": Stage(
        "auth_ui:mfa_code",
        _("We emailed a code to %(destination)s. Enter it to finish signing in."),
        code_key="EMAIL_OTP_CODE",
    ),
    "SELECT_MFA_TYPE": Stage("auth_ui:mfa_choose", _("Choose how to confirm it's you.")),
    "MFA_SETUP": Stage(
        "auth_ui:mfa_setup",
        _("This site asks for a second step at sign-in. Set up an authenticator app to finish."),
    ),
}

# Signing in without a password (USER_AUTH): the code the person asked for is the whole
# sign-in, on a step of its own. A passkey's challenge is answered on the sign-in page itself.
FIRST_FACTOR_STAGES: dict[str, Stage] = {
    "EMAIL_OTP": Stage(
        "auth_ui:sign_in_code",
        _("We emailed a code to %(destination)s."),
        code_key="EMAIL_OTP_CODE",
    ),
    "SMS_OTP": Stage(
        "auth_ui:sign_in_code",
        _("We texted a code to %(destination)s."),
        code_key="SMS_OTP_CODE",
    ),
    "WEB_AUTHN": Stage("auth_ui:sign_in", _("Use your passkey to sign in.")),
}


def stage_for(challenge: str, first_factor: str = "") -> Stage | None:
    """The stage that answers `challenge`: the first factor the person chose, or a later one."""
    if first_factor and challenge == first_factor:
        return FIRST_FACTOR_STAGES.get(challenge)
    return STAGES.get(challenge)


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
    request: HttpRequest,
    result: cognito.Tokens | cognito.Challenge,
    *,
    next_url: str,
    first_factor: str = "",
) -> Outcome:
    """On to the stage Cognito's answer asks for, or, with tokens, sign the person in."""
    if isinstance(result, cognito.Tokens):
        session.clear_pending_sign_in(request)
        complete_sign_in(request, result)
        session.pop_next(request)
        url = after_sign_in(request, safe_next_url(request, next_url), first_factor)
        return Outcome(url, done=True)
    stage = stage_for(result.name, first_factor)
    if stage is None:
        session.clear_pending_sign_in(request)
        raise cognito.AuthError("UnsupportedChallenge")
    pending = session.PendingSignIn(result, next_url, first_factor=first_factor)
    session.store_pending_sign_in(request, pending)
    if first_factor:
        return Outcome(reverse(stage.url_name))  # its step says where the code went, each time
    return Outcome(reverse(stage.url_name), stage_words(stage, result))


def after_sign_in(request: HttpRequest, url: str, first_factor: str) -> str:
    """Where a completed sign-in goes: `url`, or first (once, where passkeys work) the offer
    of a passkey to someone who signed in without one."""
    from .passkeys import should_offer  # passkeys → passwordless → sign_in

    if first_factor == "WEB_AUTHN" or not should_offer(request):
        return url
    return f"{reverse('auth_ui:passkey_offer')}?{urlencode({'next': url})}"


def stage_words(stage: Stage, challenge: cognito.Challenge) -> str:
    destination = challenge.parameters.get("CODE_DELIVERY_DESTINATION", "")
    return str(stage.notice) % {"destination": destination}


def awaits(request: HttpRequest, challenge: str) -> bool:
    """Whether a pending sign-in waits for the person to answer `challenge` (a later stage)."""
    pending = session.pending_sign_in(request)
    return pending is not None and not pending.first_factor and pending.challenge.name == challenge


def awaited_code(request: HttpRequest, *, first_factor: bool = False) -> str:
    """The pending challenge when it is answered with a code, else "": an MFA code, or with
    `first_factor` the code the person asked for instead of a password."""
    pending = session.pending_sign_in(request)
    if pending is None or bool(pending.first_factor) != first_factor:
        return ""
    stage = stage_for(pending.challenge.name, pending.first_factor)
    return pending.challenge.name if stage is not None and stage.code_key else ""


@sensitive_variables("code")
def answer_code(request: HttpRequest, *, challenge: str, code: str) -> Outcome:
    """A code stage (authenticator app, text message, email): the code goes in its key."""
    return answer_challenge(
        request, challenge=challenge, responses={code_key(request, challenge): code}
    )


def code_key(request: HttpRequest, challenge: str) -> str:
    pending = session.pending_sign_in(request)
    stage = stage_for(challenge, pending.first_factor if pending else "")
    return stage.code_key if stage else ""


def mfa_choices(request: HttpRequest) -> list[str]:
    """The methods SELECT_MFA_TYPE offers (Cognito's MFAS_CAN_CHOOSE)."""
    return _listed(request, "MFAS_CAN_CHOOSE")


def mfa_setup_choices(request: HttpRequest) -> list[str]:
    """The methods MFA_SETUP lets the person set up (Cognito's MFAS_CAN_SETUP)."""
    return _listed(request, "MFAS_CAN_SETUP")


def _listed(request: HttpRequest, parameter: str) -> list[str]:
    pending = session.pending_sign_in(request)
    if pending is None:
        return []
    try:
        listed = json.loads(pending.challenge.parameters.get(parameter, "[]"))
    except ValueError:
        return []
    return [name for name in listed if isinstance(name, str)]


def choose_mfa(request: HttpRequest, *, method: str) -> Outcome:
    if method not in mfa_choices(request):
        raise cognito.AuthError("InvalidParameterException")
    return answer_challenge(request, challenge="SELECT_MFA_TYPE", responses={"ANSWER": method})


@sensitive_variables()
def start_totp_setup(request: HttpRequest) -> str:
    """MFA_SETUP with an authenticator app: a new secret for it (kept for this sign-in only)."""
    pending = session.pending_sign_in(request)
    if pending is None or pending.challenge.name != "MFA_SETUP":
        raise cognito.AuthError("SessionExpired")
    if pending.totp_secret:
        return pending.totp_secret
    try:
        association = cognito.associate_software_token(session=pending.challenge.session)
    except cognito.AuthError as error:
        if error.code == "SessionExpired":
            session.clear_pending_sign_in(request)
        raise
    session.update_pending_sign_in(
        request, session=association.session, totp_secret=association.secret
    )
    return association.secret


def can_set_up_email(request: HttpRequest) -> bool:
    """MFA_SETUP may take email codes instead: where the pool allows it, and the person signs
    in with their email (Cognito sends the codes to the address given)."""
    pending = session.pending_sign_in(request)
    return (
        pending is not None
        and "EMAIL_OTP" in mfa_setup_choices(request)
        and "@" in pending.challenge.username
    )


def set_up_email(request: HttpRequest) -> Outcome:
    """Answer MFA_SETUP with the email: Cognito sends a code there (EMAIL_OTP), which proves
    it and turns email codes on."""
    pending = session.pending_sign_in(request)
    if pending is None or not can_set_up_email(request):
        return start_again(request)
    responses = {"EMAIL": pending.challenge.username}
    return answer_challenge(request, challenge="MFA_SETUP", responses=responses)


@sensitive_variables("code", "pending", "next_session")
def finish_totp_setup(request: HttpRequest, *, code: str) -> Outcome:
    """The app's first code proves it is set up; then Cognito's MFA_SETUP is answered."""
    pending = session.pending_sign_in(request)
    if pending is None or pending.challenge.name != "MFA_SETUP" or not pending.totp_secret:
        return start_again(request)
    try:
        next_session = cognito.verify_software_token(code=code, session=pending.challenge.session)
    except cognito.AuthError as error:
        if error.code == "SessionExpired":
            return start_again(request)
        raise
    session.update_pending_sign_in(request, session=next_session)
    return answer_challenge(request, challenge="MFA_SETUP", responses={})


@sensitive_variables("responses", "pending", "result")
def answer_challenge(request: HttpRequest, *, challenge: str, responses: dict[str, str]) -> Outcome:
    """A later stage: the person's answer to the challenge Cognito set."""
    pending = session.pending_sign_in(request)
    if pending is None or pending.challenge.name != challenge:
        return start_again(request)
    stage = stage_for(challenge, pending.first_factor)
    if stage is not None and stage.check is not None:
        stage.check(responses)
    try:
        result = cognito.respond_to_challenge(challenge=pending.challenge, responses=responses)
    except cognito.AuthError as error:
        if error.code == "SessionExpired":
            return start_again(request)
        raise
    return advance(request, result, next_url=pending.next, first_factor=pending.first_factor)


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
