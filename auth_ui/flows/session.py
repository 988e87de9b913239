"""A signed-in session: its start, keeping its tokens fresh, and its end."""

import logging
import time
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from .. import cognito, session, signed_out
from .outcome import Outcome

logger = logging.getLogger(__name__)

# Refresh a little before the ID token's expiry, not after it.
REFRESH_LEEWAY_SECONDS = 60
clock: Callable[[], float] = time.time
# Answers that are a verdict on the person (refresh token revoked, user disabled or deleted);
# anything else (busy, unreachable) keeps the session and tries again later.
REFUSED_SESSION_CODES = {"NotAuthorizedException", "UserNotFoundException", "InvalidIdToken"}


@sensitive_variables()
def complete_sign_in(request: HttpRequest, tokens: cognito.Tokens) -> None:
    """Verify the ID token, log the local user in, then keep the tokens in the new session."""
    claims = cognito.verify_id_token(tokens.id_token)
    user = authenticate(request, id_token_claims=claims)
    if user is None:
        raise cognito.AuthError("NotAuthorizedException")
    login(request, user)
    session.mark_signed_in(request, at=clock())
    session.store_tokens(request, tokens, username=cognito_username(claims))


def cognito_username(claims: dict) -> str:
    return claims.get("cognito:username") or claims["sub"]


@sensitive_variables()
def keep_tokens_fresh(request: HttpRequest, *, now: bool = False) -> None:
    """Refresh tokens that are about to expire; sign out a person Cognito no longer accepts.

    A revoked refresh token (signed out elsewhere), a disabled or deleted user all end this
    session at its next request after the ID token's hour. If Cognito is busy or can't be
    reached, the session is kept and the refresh tried again on a later request.
    """
    tokens = session.stored_tokens(request)
    if tokens is None:
        return
    if not now and not session.tokens_expire_within(request, REFRESH_LEEWAY_SECONDS):
        return
    username = session.tokens_username(request)
    try:
        fresh = cognito.refresh_tokens(refresh_token=tokens.refresh_token, username=username)
        claims = cognito.verify_id_token(fresh.id_token)
    except cognito.AuthError as error:
        if error.code not in REFUSED_SESSION_CODES:
            logger.warning("Could not refresh Cognito tokens: %s", error.code)
            return
        logger.info("Cognito refused to refresh a session (%s): signing it out", error.code)
        logout(request)
        return
    identity = getattr(request.user, "cognito_identity", None)
    if identity is None or claims["sub"] != identity.sub:
        logout(request)
        return
    session.store_tokens(request, fresh, username=cognito_username(claims))
    sync_email(request.user, claims.get("email", ""))


def sync_email(user, email: str) -> None:
    """The local copy follows Cognito's (changed and verified elsewhere, or here)."""
    if email and user.email != email:
        user.email = email
        user.save(update_fields=["email"])


def signed_out_everywhere(request: HttpRequest) -> bool:
    """End this session if its person chose "Sign out everywhere" after it signed in."""
    if signed_out.last_mark(request.user.pk) <= session.signed_in_at(request):
        return False
    logout(request)
    return True


def sign_in_again(request: HttpRequest) -> Outcome:
    """Cognito no longer takes this session's tokens: end it, and come back here after."""
    logout(request)
    url = f"{reverse('auth_ui:sign_in')}?{urlencode({'next': request.get_full_path()})}"
    notice = _("Your session has ended. Please sign in again.")
    return Outcome(url, notice, messages.WARNING, done=True)


@sensitive_variables()
def sign_out(request: HttpRequest) -> None:
    """Revoke the refresh token (best effort, within the request's time budget: the session
    goes either way) and flush the session."""
    tokens = session.stored_tokens(request)
    if tokens and tokens.refresh_token:
        try:
            cognito.revoke_token(refresh_token=tokens.refresh_token)
        except cognito.AuthError as error:
            logger.warning("Could not revoke the refresh token on sign-out: %s", error.code)
    logout(request)
    session.mark_signed_out(request)
