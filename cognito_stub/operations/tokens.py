"""Refresh tokens: REFRESH_TOKEN_AUTH (through InitiateAuth, see auth.py),
GetTokensFromRefreshToken (with rotation when the client enables it: a new refresh token each
time, the old one still good for RetryGracePeriodSeconds on the stub's clock) and RevokeToken
(the refresh token stops working, and so do the tokens minted from it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..errors import CognitoError, invalid_parameter, not_authorized
from ..moto_bridge import AppClient
from .common import check_secret_hash, pool_and_client, required

if TYPE_CHECKING:
    from ..state import Handler, StubState

REVOKED = "Refresh Token has been revoked"
INVALID = "Invalid Refresh Token"
ROTATING = "Refresh token rotation is enabled for this client: use GetTokensFromRefreshToken"


def check_client_secret(client: AppClient, provided: str | None) -> None:
    """Operations that take the ClientSecret itself (RevokeToken, GetTokensFromRefreshToken)."""
    if client.secret is not None and provided != client.secret:
        raise not_authorized(f"Unable to verify secret hash for client {client.id}")


def _refresh(
    state: StubState,
    pool: Any,
    client: AppClient,
    token: str,
    check_names: Callable[[list[str]], None],
) -> dict[str, Any]:
    """A new access and ID token (same sign-in: same origin_jti, event_id, auth_time) for a
    valid refresh token of this client; `check_names(usernames)` checks a SECRET_HASH."""
    if token in state.revoked_tokens:
        raise not_authorized(REVOKED)
    grace_until = state.rotated_out.get(token)
    if grace_until is not None and state.options.clock() >= grace_until:
        raise not_authorized(INVALID)
    known = bridge.refresh_token(pool, token)
    if known is None:
        raise not_authorized(INVALID)
    if known.revoked:
        raise not_authorized(REVOKED)
    if known.client_id != client.id:
        raise not_authorized(INVALID)
    user = bridge.find_user(pool, known.username)
    if user is None or not bridge.is_enabled(user):
        raise not_authorized("User is disabled." if user else INVALID)
    check_names([bridge.username(user), bridge.sign_in_name(user)])
    access_token, id_token, expires_in = bridge.tokens_from_refresh_token(pool, token)
    return {
        "AccessToken": access_token,
        "ExpiresIn": expires_in,
        "TokenType": "Bearer",
        "IdToken": id_token,
    }


def refresh_token_auth(
    state: StubState, pool: Any, client: AppClient, auth: dict[str, Any]
) -> dict[str, Any]:
    """InitiateAuth / AdminInitiateAuth REFRESH_TOKEN_AUTH (not for a rotating client)."""
    token = required(auth, "REFRESH_TOKEN")
    if client.rotation_grace is not None:
        raise invalid_parameter(ROTATING)

    def check_names(names: list[str]) -> None:
        check_secret_hash(client, names, auth.get("SECRET_HASH"))

    result = _refresh(state, pool, client, token, check_names)
    return {"ChallengeParameters": {}, "AuthenticationResult": result}


def get_tokens_from_refresh_token(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    pool, client = pool_and_client(state, params.get("ClientId"))
    token = required(params, "RefreshToken")
    check_client_secret(client, params.get("ClientSecret"))
    result = _refresh(state, pool, client, token, lambda _names: None)
    grace = client.rotation_grace
    if grace is not None:
        result["RefreshToken"] = bridge.rotate_refresh_token(pool, token)
        if grace == 0:
            bridge.forget_refresh_token(pool, token)
        else:  # a retry within the grace period still works; the period is not extended
            state.rotated_out.setdefault(token, state.options.clock() + grace)
    return {"AuthenticationResult": result}


def revoke_token(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    token = required(params, "Token")
    pool, client = pool_and_client(state, params.get("ClientId"))
    check_client_secret(client, params.get("ClientSecret"))
    if token.count(".") == 2:
        raise CognitoError("UnsupportedTokenTypeException", "Unsupported token type")
    known = bridge.refresh_token(pool, token)
    # A token of another client is left alone, and the call still succeeds (as Cognito does).
    if known is not None and (known.revoked or known.client_id == client.id):
        state.revoke_tokens([token], bridge.revoke_refresh_token(pool, token))
    return {}


HANDLERS: dict[str, Handler] = {
    "GetTokensFromRefreshToken": get_tokens_from_refresh_token,
    "RevokeToken": revoke_token,
}
