"""RevokeToken: a refresh token stops working, and so do the tokens minted from it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..errors import CognitoError, not_authorized
from .common import pool_and_client, required

if TYPE_CHECKING:
    from ..state import Handler, StubState


def revoke_token(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    token = required(params, "Token")
    pool, client = pool_and_client(state, params.get("ClientId"))
    if client.secret is not None and params.get("ClientSecret") != client.secret:
        raise not_authorized(f"Unable to verify secret hash for client {client.id}")
    if token.count(".") == 2:
        raise CognitoError("UnsupportedTokenTypeException", "Unsupported token type")
    known = bridge.refresh_token(pool, token)
    # A token of another client is left alone, and the call still succeeds (as Cognito does).
    if known is not None and (known.revoked or known.client_id == client.id):
        state.revoke_tokens([token], bridge.revoke_refresh_token(pool, token))
    return {}


HANDLERS: dict[str, Handler] = {"RevokeToken": revoke_token}
