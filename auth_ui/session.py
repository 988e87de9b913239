"""The one place that keeps Cognito state in the server-side session.

Tokens never leave the server: not in a cookie the browser can read, not in the page.
"""

import time
from dataclasses import asdict

from django.http import HttpRequest

from .cognito import Challenge, Tokens

TOKENS_KEY = "cognito_tokens"
TOKENS_META_KEY = "cognito_tokens_meta"
PENDING_EMAIL_KEY = "cognito_pending_email"
CHALLENGE_KEY = "cognito_challenge"
NEXT_KEY = "cognito_next"


def store_tokens(request: HttpRequest, tokens: Tokens, *, username: str) -> None:
    """The tokens, whose Cognito username they belong to, and when the ID token expires."""
    request.session[TOKENS_KEY] = asdict(tokens)
    request.session[TOKENS_META_KEY] = {
        "username": username,
        "expires_at": time.time() + tokens.expires_in,
    }


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


def store_challenge(request: HttpRequest, challenge: Challenge) -> None:
    request.session[CHALLENGE_KEY] = asdict(challenge)


def stored_challenge(request: HttpRequest) -> Challenge | None:
    data = request.session.get(CHALLENGE_KEY)
    return Challenge(**data) if data else None


def clear_challenge(request: HttpRequest) -> None:
    request.session.pop(CHALLENGE_KEY, None)


def remember_next(request: HttpRequest, url: str) -> None:
    """Where to go once a multi-step flow signs the person in; checked when it is used."""
    if url:
        request.session[NEXT_KEY] = url


def remembered_next(request: HttpRequest) -> str:
    return request.session.get(NEXT_KEY, "")


def pop_next(request: HttpRequest) -> str:
    return request.session.pop(NEXT_KEY, "")
