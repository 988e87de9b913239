"""Sign-in: InitiateAuth and AdminInitiateAuth (password, refresh), RespondToAuthChallenge and
AdminRespondToAuthChallenge (a new password; MFA, see mfa_sign_in)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..errors import CognitoError, invalid_parameter, not_authorized
from ..moto_bridge import AppClient
from . import mfa_sign_in
from .common import INCORRECT_CREDENTIALS, check_secret_hash, pool_and_client, required

if TYPE_CHECKING:
    from ..state import Handler, StubState

REFRESH_FLOWS = ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN")
ADMIN_PASSWORD_FLOWS = ("ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH")  # the second: legacy


def _check_flow_enabled(client: AppClient, flow: str) -> None:
    allowed = client.auth_flows
    names = {f"ALLOW_{flow}", flow}
    if flow in ADMIN_PASSWORD_FLOWS:
        names |= {"ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"}
    if allowed and not names & set(allowed):
        if flow in REFRESH_FLOWS:
            return  # Cognito always allows refreshing
        raise invalid_parameter(f"{flow} flow not enabled for this client")


def _admin_pool_and_client(state: StubState, params: dict[str, Any]) -> tuple[Any, AppClient]:
    """The pool an Admin* sign-in call names, and its client."""
    pool = bridge.describe_pool(state.backend, required(params, "UserPoolId"))
    client_pool, client = pool_and_client(state, params.get("ClientId"))
    if bridge.pool_id(client_pool) != bridge.pool_id(pool):
        raise CognitoError(
            "ResourceNotFoundException", f"User pool client {client.id} does not exist."
        )
    return pool, client


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


def admin_initiate_auth(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    """The password flows and refresh as InitiateAuth answers them; any other flow is moto's."""
    pool, client = _admin_pool_and_client(state, params)
    flow = required(params, "AuthFlow")
    auth = dict(params.get("AuthParameters") or {})
    _check_flow_enabled(client, flow)
    if flow in ADMIN_PASSWORD_FLOWS:
        return _password_sign_in(state, pool, client, auth)
    if flow in REFRESH_FLOWS:
        return _refresh(state, pool, client, auth)
    return bridge.moto_answer("AdminInitiateAuth", params)


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
    if bridge.user_status(user) != bridge.FORCE_CHANGE_PASSWORD:  # MFA after the new password
        step = mfa_sign_in.needs_mfa(state, pool, user)
        if step is not None:
            return mfa_sign_in.begin(state, client, user, step)
    auth = {"USERNAME": bridge.sign_in_name(user), "PASSWORD": password}
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
    return _respond(state, pool, client, params)


def admin_respond_to_auth_challenge(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    pool, client = _admin_pool_and_client(state, params)
    return _respond(state, pool, client, params)


def _respond(
    state: StubState, pool: Any, client: AppClient, params: dict[str, Any]
) -> dict[str, Any]:
    challenge = required(params, "ChallengeName")
    responses = dict(params.get("ChallengeResponses") or {})
    session = params.get("Session")
    if challenge in mfa_sign_in.CHALLENGES:
        username = required(responses, "USERNAME")
        check_secret_hash(client, [username], responses.get("SECRET_HASH"))
        return mfa_sign_in.answer(state, pool, client, params)
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
        password = responses.get("NEW_PASSWORD")
        state.check_password(pool, password)
        step = mfa_sign_in.needs_mfa(state, pool, user)
        if step is not None:  # the new password is set; MFA is still to come
            bridge.set_password(user, password)
            bridge.confirm(user)
            bridge.end_session(state.backend, session)
            return mfa_sign_in.begin(state, client, user, step)
    result = bridge.respond_to_auth_challenge(
        state.backend, session, client.id, challenge, responses
    )
    state.lockouts.record_success(bridge.user_id(user))
    return result


HANDLERS: dict[str, Handler] = {
    "InitiateAuth": initiate_auth,
    "RespondToAuthChallenge": respond_to_auth_challenge,
    "AdminInitiateAuth": admin_initiate_auth,
    "AdminRespondToAuthChallenge": admin_respond_to_auth_challenge,
}
