"""Signing in without a password (COGNITO_SIGN_IN_FLOW "choice", Cognito's USER_AUTH): an
emailed or texted code, or a passkey. Each is a whole sign-in in Cognito's model: no second
factor follows. Which ways a page offers comes from the pool's sign-in policy.

What the person learns is the same for an unknown email as for an account without that way in:
Cognito (PreventUserExistenceErrors) answers both alike, and so do we.
"""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.views.decorators.debug import sensitive_variables

from .. import cognito, ratelimit, session
from ..cognito import first_factors
from ..cognito import passkeys as cognito_passkeys
from .codes import start_resend_cooldown
from .outcome import Outcome
from .sign_in import FIRST_FACTOR_STAGES, advance, answer_code, stage_words

CODE_FACTORS = ("EMAIL_OTP", "SMS_OTP")


def other_ways(request: HttpRequest) -> tuple[str, ...]:
    """The first factors to offer beside the password: those the pool allows, and a passkey
    only where this page can use one (a secure context on the relying party's domain)."""
    if settings.COGNITO_SIGN_IN_FLOW != "choice":
        return ()
    try:
        allowed = first_factors.allowed_first_factors()
    except cognito.AuthError:
        return ()
    ways = [factor for factor in allowed if factor in CODE_FACTORS]
    if "WEB_AUTHN" in allowed and passkeys_work_here(request):
        ways.append("WEB_AUTHN")
    return tuple(ways)


def passkeys_work_here(request: HttpRequest) -> bool:
    """Browsers offer passkeys only in a secure context (https, or http://localhost), for a
    relying party that is this host or a domain it belongs to (never an IP address)."""
    host = urlsplit(f"//{request.get_host()}").hostname or ""
    secure = request.is_secure() or host == "localhost" or host.endswith(".localhost")
    rp_id = settings.COGNITO_WEBAUTHN_RP_ID or host
    return secure and (host == rp_id or host.endswith(f".{rp_id}")) and not _is_ip(host)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def send_sign_in_code(
    request: HttpRequest, *, username: str, factor: str, next_url: str, again: bool = False
) -> Outcome:
    """Ask Cognito to email or text a sign-in code; then the code step. Where it can't (no
    verified phone, or no such account) it answers as it does for any account without it."""
    if factor not in CODE_FACTORS:
        raise cognito.AuthError("InvalidParameterException")
    ratelimit.consume(request, "send_code", key=username)
    result = cognito.user_auth(username=username, preferred=factor)
    if not isinstance(result, cognito.Challenge) or result.name != factor:
        session.clear_pending_sign_in(request)
        raise cognito.AuthError(f"{factor}Unavailable")
    session.remember_email(request, username)
    if again:
        start_resend_cooldown(username)
    return advance(request, result, next_url=next_url, first_factor=factor)


def resend_sign_in_code(request: HttpRequest) -> Outcome:
    """A fresh code the same way (a new InitiateAuth: Cognito has no resend for these)."""
    pending = session.pending_sign_in(request)
    if pending is None or pending.first_factor not in CODE_FACTORS:
        raise cognito.AuthError("SessionExpired")
    return send_sign_in_code(
        request,
        username=pending.challenge.username,
        factor=pending.first_factor,
        next_url=pending.next,
        again=True,
    )


@sensitive_variables("code")
def enter_sign_in_code(request: HttpRequest, *, challenge: str, code: str) -> Outcome:
    """The code the person asked for; wrong ones count toward this site's code limit."""
    pending = session.pending_sign_in(request)
    usage = ratelimit.consume(
        request, "confirm_code", key=pending.challenge.username if pending else ""
    )
    outcome = answer_code(request, challenge=challenge, code=code)
    usage.rollback()
    return outcome


def sign_in_code_words(request: HttpRequest) -> str:
    """Where the code went ("We emailed a code to d***@e***."), for the code step."""
    pending = session.pending_sign_in(request)
    if pending is None or pending.first_factor not in CODE_FACTORS:
        return ""
    return stage_words(FIRST_FACTOR_STAGES[pending.first_factor], pending.challenge)


def sign_in_code_username(request: HttpRequest) -> str:
    pending = session.pending_sign_in(request)
    return pending.challenge.username if pending is not None else ""


# --- passkeys ---------------------------------------------------------------------------------


def start_passkey_sign_in(request: HttpRequest, *, username: str, next_url: str) -> dict:
    """Cognito's WEB_AUTHN challenge: the options for `navigator.credentials.get`. No passkey
    on the account, or no account, reads the same: `NoPasskey`."""
    ratelimit.consume(request, "sign_in_failed", key=username).rollback()  # refuses when over
    result = cognito.user_auth(username=username, preferred="WEB_AUTHN")
    options = (
        cognito_passkeys.request_options(result.parameters)
        if isinstance(result, cognito.Challenge) and result.name == "WEB_AUTHN"
        else {}
    )
    if not options:
        session.clear_pending_sign_in(request)
        raise cognito.AuthError("NoPasskey")
    pending = session.PendingSignIn(result, next_url, first_factor="WEB_AUTHN")
    session.store_pending_sign_in(request, pending)
    return options


@sensitive_variables("credential")
def finish_passkey_sign_in(request: HttpRequest, *, credential: str) -> Outcome:
    """The browser's signed answer (`PublicKeyCredential.toJSON()`, as JSON): Cognito checks it;
    a refused one counts as a failed sign-in."""
    pending = session.pending_sign_in(request)
    if pending is None or pending.first_factor != "WEB_AUTHN":
        raise cognito.AuthError("SessionExpired")
    usage = ratelimit.consume(request, "sign_in_failed", key=pending.challenge.username)
    try:
        result = cognito.respond_to_challenge(
            challenge=pending.challenge, responses={"CREDENTIAL": credential}
        )
    except cognito.AuthError as error:
        session.clear_pending_sign_in(request)
        if error.code in ("NotAuthorizedException", "CodeMismatchException"):
            raise cognito.AuthError("PasskeyRefused") from None
        usage.rollback()
        raise
    usage.rollback()
    return advance(request, result, next_url=pending.next, first_factor="WEB_AUTHN")
