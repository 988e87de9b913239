"""Sign-in: InitiateAuth (password, refresh) and RespondToAuthChallenge."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..errors import CognitoError, invalid_parameter, not_authorized
from ..moto_bridge import AppClient
from .common import INCORRECT_CREDENTIALS, check_secret_hash, pool_and_client, required

if TYPE_CHECKING:
    from ..state import Handler, StubState

REFRESH_FLOWS = ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN")


def _check_flow_enabled(client: AppClient, flow: str) -> None:
    allowed = client.auth_flows
    if allowed and f"ALLOW_{flow}" not in allowed and flow not in allowed:
        if flow in REFRESH_FLOWS:
            return  # Cognito always allows refreshing
        raise invalid_parameter(f"{flow} flow not enabled for this client")


def initiate_auth(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    pool, client = pool_and_client(state, params.get("ClientId"))
    flow = required(params, "AuthFlow")
    auth = dict(params.get("AuthParameters") or {})
    _check_flow_enabled(client, flow)
    if flow == "USER_PASSWORD_AUTH":
        return _password_sign_in(state, pool, client, auth)
    if flow in REFRESH_FLOWS:
        return _refresh(state, pool, client, auth)
    return bridge.initiate_auth(state.backend, client.id, flow, auth)


def _password_sign_in(
    state: StubState, pool: Any, client: AppClient, auth: dict[str, Any]
) -> dict[str, Any]:
    username = required(auth, "USERNAME")
    password = required(auth, "PASSWORD")
    check_secret_hash(client, [username], auth.get("SECRET_HASH"))
    user = bridge.find_user(pool, username)
    if user is None:
        raise not_authorized(INCORRECT_CREDENTIALS)
    key = bridge.user_id(user)
    state.lockouts.check(key)
    if not bridge.is_enabled(user):
        raise not_authorized("User is disabled.")
    if bridge.user_status(user) == bridge.RESET_REQUIRED:
        raise CognitoError("PasswordResetRequiredException")
    if not bridge.password_matches(user, password):
        state.lockouts.record_failure(key)
        raise not_authorized(INCORRECT_CREDENTIALS)
    state.lockouts.record_success(key)
    if bridge.user_status(user) == bridge.UNCONFIRMED:
        raise CognitoError("UserNotConfirmedException")
    auth["USERNAME"] = bridge.sign_in_name(user)
    auth.pop("SECRET_HASH", None)
    return bridge.initiate_auth(state.backend, client.id, "USER_PASSWORD_AUTH", auth)


def _refresh(
    state: StubState, pool: Any, client: AppClient, auth: dict[str, Any]
) -> dict[str, Any]:
    token = required(auth, "REFRESH_TOKEN")
    if token in state.revoked_tokens:
        raise not_authorized("Refresh Token has been revoked")
    known = bridge.refresh_token(pool, token)
    if known is None:
        raise not_authorized("Invalid Refresh Token")
    if known.revoked:
        raise not_authorized("Refresh Token has been revoked")
    if known.client_id != client.id:
        raise not_authorized("Invalid Refresh Token")
    user = bridge.find_user(pool, known.username)
    if user is None or not bridge.is_enabled(user):
        raise not_authorized("User is disabled." if user else "Invalid Refresh Token")
    names = [bridge.username(user), bridge.sign_in_name(user)]
    check_secret_hash(client, names, auth.get("SECRET_HASH"))
    access_token, id_token, expires_in = bridge.tokens_from_refresh_token(pool, token)
    return {
        "ChallengeParameters": {},
        "AuthenticationResult": {
            "AccessToken": access_token,
            "ExpiresIn": expires_in,
            "TokenType": "Bearer",
            "IdToken": id_token,
        },
    }


def respond_to_auth_challenge(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    pool, client = pool_and_client(state, params.get("ClientId"))
    challenge = required(params, "ChallengeName")
    responses = dict(params.get("ChallengeResponses") or {})
    session = params.get("Session")
    session_username = bridge.session_username(state.backend, session)
    if session_username is None:
        raise not_authorized("Invalid session for the user.")
    username = required(responses, "USERNAME")
    check_secret_hash(client, [username], responses.get("SECRET_HASH"))
    user = bridge.find_user(pool, username)
    if user is None or user is not bridge.find_user(pool, session_username):
        raise not_authorized("Invalid session for the user.")
    responses["USERNAME"] = bridge.sign_in_name(user)
    if challenge == "NEW_PASSWORD_REQUIRED":
        state.check_password(pool, responses.get("NEW_PASSWORD"))
    result = bridge.respond_to_auth_challenge(
        state.backend, session, client.id, challenge, responses
    )
    state.lockouts.record_success(bridge.user_id(user))
    return result


HANDLERS: dict[str, Handler] = {
    "InitiateAuth": initiate_auth,
    "RespondToAuthChallenge": respond_to_auth_challenge,
}
