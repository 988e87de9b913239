"""Steps that span the gateway, Django's auth and the session."""

import logging

from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest

from . import cognito, session

logger = logging.getLogger(__name__)


def complete_sign_in(request: HttpRequest, tokens: cognito.Tokens) -> None:
    """Verify the ID token, log the local user in, then keep the tokens in the new session."""
    claims = cognito.verify_id_token(tokens.id_token)
    user = authenticate(request, id_token_claims=claims)
    if user is None:
        raise cognito.auth_error("NotAuthorizedException")
    login(request, user)
    session.store_tokens(request, tokens)


def sign_out(request: HttpRequest) -> None:
    """Revoke the refresh token (best effort: the session goes either way) and flush it."""
    tokens = session.stored_tokens(request)
    if tokens and tokens.refresh_token:
        try:
            cognito.revoke_token(refresh_token=tokens.refresh_token)
        except cognito.AuthError as error:
            logger.warning("Could not revoke the refresh token on sign-out: %s", error.code)
    logout(request)
