"""Sign-in: InitiateAuth and AdminInitiateAuth (password, SRP, refresh, USER_AUTH),
RespondToAuthChallenge and AdminRespondToAuthChallenge (SRP's PASSWORD_VERIFIER, a new password;
MFA, see mfa_sign_in; USER_AUTH's first factors, see user_auth). Every flow must be one the app
client allows (ExplicitAuthFlows)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..errors import CognitoError, invalid_parameter, not_authorized
from ..moto_bridge import AppClient
from . import mfa_sign_in, srp_sign_in, user_auth
from .common import check_secret_hash, named_pool, pool_and_client, required
from .password_sign_in import password_sign_in
from .tokens import refresh_token_auth

if TYPE_CHECKING:
    from ..state import Handler, StubState

REFRESH_FLOWS = ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN")
ADMIN_PASSWORD_FLOWS = ("ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH")  # the second: legacy
# What a client created without ExplicitAuthFlows allows (Cognito's default).
DEFAULT_FLOWS = ("ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")
# The ExplicitAuthFlows values (current and legacy) that allow each AuthFlow.
ALLOWED_BY = {
    "USER_PASSWORD_AUTH": {"ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"},
    "ADMIN_USER_PASSWORD_AUTH": {"ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"},
    "ADMIN_NO_SRP_AUTH": {"ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"},
    "CUSTOM_AUTH": {"ALLOW_CUSTOM_AUTH", "CUSTOM_AUTH_FLOW_ONLY"},
}


def check_flow_enabled(client: AppClient, flow: str) -> None:
    if flow in REFRESH_FLOWS:
        return  # Cognito always allows refreshing
    allowed = set(client.auth_flows or DEFAULT_FLOWS)
    if not ALLOWED_BY.get(flow, {f"ALLOW_{flow}"}) & allowed:
        if flow in ADMIN_PASSWORD_FLOWS:
            raise invalid_parameter("Auth flow not enabled for this client")
        raise invalid_parameter(f"{flow} flow not enabled for this client")


def _admin_pool_and_client(state: StubState, params: dict[str, Any]) -> tuple[Any, AppClient]:
    """The pool an Admin* sign-in call names, and its client."""
    pool = named_pool(state, params)
    client_pool, client = pool_and_client(state, params.get("ClientId"))
    if bridge.pool_id(client_pool) != bridge.pool_id(pool):
        raise CognitoError(
            "ResourceNotFoundException", f"User pool client {client.id} does not exist."
        )
    return pool, client


def initiate_auth(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    pool, client = pool_and_client(state, params.get("ClientId"))
    return _initiate(state, pool, client, params, "USER_PASSWORD_AUTH")


def admin_initiate_auth(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    """As InitiateAuth, with the admin password flows instead of USER_PASSWORD_AUTH."""
    pool, client = _admin_pool_and_client(state, params)
    return _initiate(state, pool, client, params, *ADMIN_PASSWORD_FLOWS)


def _initiate(
    state: StubState, pool: Any, client: AppClient, params: dict[str, Any], *password_flows: str
) -> dict[str, Any]:
    flow = required(params, "AuthFlow")
    auth = dict(params.get("AuthParameters") or {})
    check_flow_enabled(client, flow)
    if flow in password_flows:
        return password_sign_in(state, pool, client, auth)
    if flow == "USER_SRP_AUTH":
        return srp_sign_in.begin(state, pool, client, auth)
    if flow == "USER_AUTH":
        return user_auth.initiate(state, pool, client, params)
    if flow in REFRESH_FLOWS:
        return refresh_token_auth(state, pool, client, auth)
    if "USER_PASSWORD_AUTH" in password_flows:
        return bridge.initiate_auth(state.backend, client.id, flow, auth)
    return bridge.moto_answer("AdminInitiateAuth", params)


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
    if challenge == srp_sign_in.PASSWORD_VERIFIER:
        return srp_sign_in.answer(state, pool, client, responses)
    if user_auth.answers(state, challenge, session):
        return user_auth.answer(state, pool, client, params)
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
