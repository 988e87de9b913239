"""A signed-in session: its start, keeping its tokens fresh, and its end."""

import logging

from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest
from django.views.decorators.debug import sensitive_variables

from .. import cognito, session

logger = logging.getLogger(__name__)

# Refresh a little before the ID token's expiry, not after it.
REFRESH_LEEWAY_SECONDS = 60
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
    session.store_tokens(request, tokens, username=cognito_username(claims))


def cognito_username(claims: dict) -> str:
    return claims.get("cognito:username") or claims["sub"]


@sensitive_variables()
def keep_tokens_fresh(request: HttpRequest) -> None:
    """Refresh tokens that are about to expire; sign out a person Cognito no longer accepts.

    A revoked refresh token (signed out elsewhere), a disabled or deleted user all end this
    session at its next request after the ID token's hour. If Cognito is busy or can't be
    reached, the session is kept and the refresh tried again on a later request.
    """
    tokens = session.stored_tokens(request)
    if tokens is None or not session.tokens_expire_within(request, REFRESH_LEEWAY_SECONDS):
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
