"""The one place that keeps Cognito state in the server-side session.

Tokens never leave the server: not in a cookie the browser can read, not in the page.
"""

import time
from dataclasses import asdict, dataclass, replace

from django.http import HttpRequest
from django.views.decorators.debug import sensitive_variables

from .cognito import Challenge, Tokens

TOKENS_KEY = "cognito_tokens"
TOKENS_META_KEY = "cognito_tokens_meta"
PENDING_EMAIL_KEY = "cognito_pending_email"
SIGN_IN_KEY = "cognito_sign_in"
NEXT_KEY = "cognito_next"
SIGNED_IN_AT_KEY = "cognito_signed_in_at"
ATTRIBUTE_CHANGES_KEY = "cognito_attribute_changes"
APP_SETUP_KEY = "cognito_app_setup"
SIGNED_OUT_KEY = "cognito_signed_out"


@sensitive_variables()
def store_tokens(request: HttpRequest, tokens: Tokens, *, username: str) -> None:
    """The tokens, whose Cognito username they belong to, and when the ID token expires."""
    request.session[TOKENS_KEY] = asdict(tokens)
    request.session[TOKENS_META_KEY] = {
        "username": username,
        "expires_at": time.time() + tokens.expires_in,
    }


@sensitive_variables()
def stored_tokens(request: HttpRequest) -> Tokens | None:
    data = request.session.get(TOKENS_KEY)
    return Tokens(**data) if data else None


def tokens_username(request: HttpRequest) -> str:
    return request.session.get(TOKENS_META_KEY, {}).get("username", "")


def tokens_expire_within(request: HttpRequest, seconds: float) -> bool:
    """True when the stored tokens are gone or expire in less than `seconds`."""
    expires_at = request.session.get(TOKENS_META_KEY, {}).get("expires_at", 0)
    return expires_at - time.time() < seconds


def remember_email(request: HttpRequest, email: str) -> None:
    """The email a multi-step flow is about, so the next step can prefill it."""
    request.session[PENDING_EMAIL_KEY] = email


def remembered_email(request: HttpRequest) -> str:
    return request.session.get(PENDING_EMAIL_KEY, "")


@dataclass(frozen=True)
class PendingSignIn:
    """A sign-in between its stages: the challenge Cognito set, where to go once done, and
    (while an authenticator app is being set up at sign-in) the app's new secret."""

    challenge: Challenge
    next: str
    totp_secret: str = ""
    # Set when the person chose how to sign in without a password (EMAIL_OTP, SMS_OTP,
    # WEB_AUTHN): the challenge is that first factor, not a second one after a password.
    first_factor: str = ""


@sensitive_variables()
def store_pending_sign_in(request: HttpRequest, pending: PendingSignIn) -> None:
    request.session[SIGN_IN_KEY] = {
        "challenge": asdict(pending.challenge),
        "next": pending.next,
        "totp_secret": pending.totp_secret,
        "first_factor": pending.first_factor,
    }


@sensitive_variables()
def pending_sign_in(request: HttpRequest) -> PendingSignIn | None:
    data = request.session.get(SIGN_IN_KEY)
    if not data:
        return None
    return PendingSignIn(
        challenge=Challenge(**data["challenge"]),
        next=data["next"],
        totp_secret=data.get("totp_secret", ""),
        first_factor=data.get("first_factor", ""),
    )


@sensitive_variables()
def update_pending_sign_in(request: HttpRequest, *, session: str, totp_secret: str = "") -> None:
    """Cognito moved the challenge on to a new session (and, maybe, an app's secret)."""
    pending = pending_sign_in(request)
    if pending is None:
        return
    challenge = replace(pending.challenge, session=session)
    secret = totp_secret or pending.totp_secret
    store_pending_sign_in(request, replace(pending, challenge=challenge, totp_secret=secret))


def clear_pending_sign_in(request: HttpRequest) -> None:
    request.session.pop(SIGN_IN_KEY, None)


def remember_next(request: HttpRequest, url: str) -> None:
    """Where to go once a multi-step flow signs the person in; checked when it is used."""
    if url:
        request.session[NEXT_KEY] = url


def remembered_next(request: HttpRequest) -> str:
    return request.session.get(NEXT_KEY, "")


def pop_next(request: HttpRequest) -> str:
    return request.session.pop(NEXT_KEY, "")


def mark_signed_out(request: HttpRequest) -> None:
    """The new, empty session after signing out knows it: the sign-in page then doesn't greet
    the person with "Welcome back." right under "You have signed out."."""
    request.session[SIGNED_OUT_KEY] = True


def just_signed_out(request: HttpRequest) -> bool:
    """True once, on the first page after signing out."""
    return request.session.pop(SIGNED_OUT_KEY, False)


def mark_signed_in(request: HttpRequest, *, at: float) -> None:
    """When this session signed in (a "sign out everywhere" later than that ends it)."""
    request.session[SIGNED_IN_AT_KEY] = at


def signed_in_at(request: HttpRequest) -> float:
    return request.session.get(SIGNED_IN_AT_KEY, 0.0)


def remember_attribute_change(request: HttpRequest, attribute: str, value: str) -> None:
    """The new value a code was sent to, until the person types it in (or starts over)."""
    changes = request.session.get(ATTRIBUTE_CHANGES_KEY, {})
    request.session[ATTRIBUTE_CHANGES_KEY] = {**changes, attribute: value}


def pending_attribute_change(request: HttpRequest, attribute: str) -> str:
    return request.session.get(ATTRIBUTE_CHANGES_KEY, {}).get(attribute, "")


def clear_attribute_change(request: HttpRequest, attribute: str) -> None:
    changes = dict(request.session.get(ATTRIBUTE_CHANGES_KEY, {}))
    changes.pop(attribute, None)
    request.session[ATTRIBUTE_CHANGES_KEY] = changes


@sensitive_variables()
def remember_app_secret(request: HttpRequest, secret: str) -> None:
    """An authenticator app's secret while it is being set up (never shown again after)."""
    request.session[APP_SETUP_KEY] = secret


@sensitive_variables()
def pending_app_secret(request: HttpRequest) -> str:
    return request.session.get(APP_SETUP_KEY, "")


def clear_app_secret(request: HttpRequest) -> None:
    request.session.pop(APP_SETUP_KEY, None)


RESET_CODE_KEY = "cognito_reset_code"
CONFIRMED_KEY = "cognito_confirmed_email"


@sensitive_variables()
def remember_reset_code(request: HttpRequest, *, username: str, code: str) -> None:
    """The reset code typed on its step, kept until the new password is chosen on the next
    (Cognito's ConfirmForgotPassword takes both at once)."""
    request.session[RESET_CODE_KEY] = {"username": username, "code": code}


@sensitive_variables()
def pending_reset_code(request: HttpRequest) -> tuple[str, str] | None:
    """(username, code) while a reset waits for its new password."""
    data = request.session.get(RESET_CODE_KEY)
    return (data["username"], data["code"]) if data else None


def clear_reset_code(request: HttpRequest) -> None:
    request.session.pop(RESET_CODE_KEY, None)


def mark_confirmed(request: HttpRequest, username: str) -> None:
    """This session confirmed `username`'s email (Back to the code step then moves on)."""
    request.session[CONFIRMED_KEY] = username


def confirmed_username(request: HttpRequest) -> str:
    return request.session.get(CONFIRMED_KEY, "")
