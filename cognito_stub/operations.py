"""The operations where we replace moto's behaviour with Cognito's.

Each handler takes the engine and the request parameters and returns the JSON answer, or raises
CognitoError. The engine holds its lock while a handler runs.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .codes import FORGOT_PASSWORD, RESEND, SIGN_UP
from .errors import CognitoError, invalid_parameter, not_authorized
from .users import delivery_details, find_user, secret_hash, sign_in_name

if TYPE_CHECKING:
    from .engine import StubEngine

Handler = Callable[["StubEngine", dict[str, Any]], dict[str, Any]]
HANDLERS: dict[str, Handler] = {}

INCORRECT_CREDENTIALS = "Incorrect username or password."


def handles(operation: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        HANDLERS[operation] = handler
        return handler

    return register


def _status():
    from moto.cognitoidp.models import UserStatus

    return UserStatus


def _required(params: dict[str, Any], name: str) -> Any:
    value = params.get(name)
    if value in (None, ""):
        raise invalid_parameter(f"Missing required parameter {name}")
    return value


def _pool_and_client(engine: StubEngine, client_id: str | None) -> tuple[Any, Any]:
    for pool in engine.backend.user_pools.values():
        if client_id in pool.clients:
            return pool, pool.clients[client_id]
    raise CognitoError("ResourceNotFoundException", f"User pool client {client_id} does not exist.")


def _check_secret_hash(client: Any, usernames: list[str], provided: str | None) -> None:
    """Clients with a secret must send SECRET_HASH = HMAC(secret, username + client id)."""
    if not client.generate_secret:
        return
    expected = [secret_hash(client.secret, name, client.id) for name in usernames if name]
    if not provided or not any(hmac.compare_digest(provided, e) for e in expected):
        raise not_authorized(f"Unable to verify secret hash for client {client.id}")


def _public_request(
    engine: StubEngine, params: dict[str, Any], *required: str
) -> tuple[Any, Any, list[str]]:
    """A call made with a client id: its pool and client, then Username and the `required`
    parameters (in that order), once present and signed with SECRET_HASH where needed."""
    pool, client = _pool_and_client(engine, params.get("ClientId"))
    values = [_required(params, name) for name in ("Username", *required)]
    _check_secret_hash(client, [values[0]], params.get("SecretHash"))
    return pool, client, values


def _fake_delivery(username: str) -> dict[str, Any]:
    """PreventUserExistenceErrors: answer for an unknown user as if a code went out."""
    return {"CodeDeliveryDetails": delivery_details(username if "@" in username else "x@x.x")}


@handles("SignUp")
def sign_up(engine: StubEngine, params: dict[str, Any]) -> dict[str, Any]:
    pool, client, (username, password) = _public_request(engine, params, "Password")
    if find_user(pool, username) is not None:
        raise CognitoError("UsernameExistsException")
    attributes = [
        a
        for a in params.get("UserAttributes") or []
        if a.get("Name") not in ("email", "email_verified", "sub")
    ]
    user, _details = engine.backend.sign_up(client.id, username, password, attributes)
    user.update_attributes([{"Name": "email_verified", "Value": "false"}])
    engine.send_code(user, SIGN_UP)
    return {
        "UserConfirmed": False,
        "UserSub": user.id,
        "CodeDeliveryDetails": delivery_details(username),
    }


@handles("ConfirmSignUp")
def confirm_sign_up(engine: StubEngine, params: dict[str, Any]) -> dict[str, Any]:
    pool, _client, (username, code) = _public_request(engine, params, "ConfirmationCode")
    user = find_user(pool, username)
    if user is None:
        raise CognitoError("CodeMismatchException")
    if user.status == _status().CONFIRMED and not engine.codes.was_issued(user.id, SIGN_UP, code):
        raise not_authorized("User cannot be confirmed. Current status is CONFIRMED")
    engine.codes.verify(user.id, SIGN_UP, code)
    user.status = _status().CONFIRMED
    user.update_attributes([{"Name": "email_verified", "Value": "true"}])
    return {}


@handles("ResendConfirmationCode")
def resend_confirmation_code(engine: StubEngine, params: dict[str, Any]) -> dict[str, Any]:
    pool, _client, (username,) = _public_request(engine, params)
    user = find_user(pool, username)
    if user is None or not user.enabled:
        return _fake_delivery(username)
    if user.status == _status().CONFIRMED:
        raise invalid_parameter("User is already confirmed.")
    engine.send_code(user, RESEND)
    return {"CodeDeliveryDetails": delivery_details(sign_in_name(user))}


@handles("ForgotPassword")
def forgot_password(engine: StubEngine, params: dict[str, Any]) -> dict[str, Any]:
    pool, _client, (username,) = _public_request(engine, params)
    user = find_user(pool, username)
    if user is None or not user.enabled:
        return _fake_delivery(username)
    if user.attribute_lookup.get("email_verified") != "true":
        raise invalid_parameter(
            "Cannot reset password for the user as there is no registered/verified email "
            "or phone_number"
        )
    engine.send_code(user, FORGOT_PASSWORD)
    return {"CodeDeliveryDetails": delivery_details(sign_in_name(user))}


@handles("ConfirmForgotPassword")
def confirm_forgot_password(engine: StubEngine, params: dict[str, Any]) -> dict[str, Any]:
    pool, _client, (username, code, password) = _public_request(
        engine, params, "ConfirmationCode", "Password"
    )
    user = find_user(pool, username)
    if user is None:
        raise CognitoError("CodeMismatchException")
    engine.check_password(pool, password)
    engine.codes.verify(user.id, FORGOT_PASSWORD, code)
    user.password = password
    if user.status == _status().RESET_REQUIRED:
        user.status = _status().CONFIRMED
    engine.lockouts.record_success(user.id)
    return {}


@handles("AdminResetUserPassword")
def admin_reset_user_password(engine: StubEngine, params: dict[str, Any]) -> dict[str, Any]:
    pool = engine.backend.describe_user_pool(_required(params, "UserPoolId"))
    user = find_user(pool, _required(params, "Username"))
    if user is None:
        raise CognitoError("UserNotFoundException")
    engine.backend.admin_reset_user_password(pool.id, sign_in_name(user))
    engine.send_code(user, FORGOT_PASSWORD)
    return {}


def _check_flow_enabled(client: Any, flow: str) -> None:
    allowed = client.extended_config.get("ExplicitAuthFlows") or []
    if allowed and f"ALLOW_{flow}" not in allowed and flow not in allowed:
        if flow in ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"):
            return  # Cognito always allows refreshing
        raise invalid_parameter(f"{flow} flow not enabled for this client")


@handles("InitiateAuth")
def initiate_auth(engine: StubEngine, params: dict[str, Any]) -> dict[str, Any]:
    pool, client = _pool_and_client(engine, params.get("ClientId"))
    flow = _required(params, "AuthFlow")
    auth = dict(params.get("AuthParameters") or {})
    _check_flow_enabled(client, flow)
    if flow == "USER_PASSWORD_AUTH":
        return _password_sign_in(engine, pool, client, auth)
    if flow in ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"):
        return _refresh(engine, pool, client, auth)
    return engine.backend.initiate_auth(client.id, flow, auth)


def _password_sign_in(engine: StubEngine, pool: Any, client: Any, auth: dict) -> dict[str, Any]:
    username = _required(auth, "USERNAME")
    password = _required(auth, "PASSWORD")
    _check_secret_hash(client, [username], auth.get("SECRET_HASH"))
    user = find_user(pool, username)
    if user is None:
        raise not_authorized(INCORRECT_CREDENTIALS)
    engine.lockouts.check(user.id)
    if not user.enabled:
        raise not_authorized("User is disabled.")
    if user.status == _status().RESET_REQUIRED:
        raise CognitoError("PasswordResetRequiredException")
    if user.password != password:
        engine.lockouts.record_failure(user.id)
        raise not_authorized(INCORRECT_CREDENTIALS)
    engine.lockouts.record_success(user.id)
    if user.status == _status().UNCONFIRMED:
        raise CognitoError("UserNotConfirmedException")
    auth["USERNAME"] = sign_in_name(user)
    auth.pop("SECRET_HASH", None)
    return engine.backend.initiate_auth(client.id, "USER_PASSWORD_AUTH", auth)


def _refresh(engine: StubEngine, pool: Any, client: Any, auth: dict) -> dict[str, Any]:
    token = _required(auth, "REFRESH_TOKEN")
    if token in engine.revoked_tokens:
        raise not_authorized("Refresh Token has been revoked")
    if token not in pool.refresh_tokens:
        raise not_authorized("Invalid Refresh Token")
    entry = pool.refresh_tokens[token]
    if entry is None:
        raise not_authorized("Refresh Token has been revoked")
    token_client_id, username, _origin = entry
    if token_client_id != client.id:
        raise not_authorized("Invalid Refresh Token")
    user = find_user(pool, username)
    if user is None or not user.enabled:
        raise not_authorized("User is disabled." if user else "Invalid Refresh Token")
    _check_secret_hash(client, [user.username, sign_in_name(user)], auth.get("SECRET_HASH"))
    access_token, id_token, expires_in = pool.create_tokens_from_refresh_token(token)
    return {
        "ChallengeParameters": {},
        "AuthenticationResult": {
            "AccessToken": access_token,
            "ExpiresIn": expires_in,
            "TokenType": "Bearer",
            "IdToken": id_token,
        },
    }


@handles("RespondToAuthChallenge")
def respond_to_auth_challenge(engine: StubEngine, params: dict[str, Any]) -> dict[str, Any]:
    pool, client = _pool_and_client(engine, params.get("ClientId"))
    challenge = _required(params, "ChallengeName")
    responses = dict(params.get("ChallengeResponses") or {})
    session = params.get("Session")
    if session not in engine.backend.sessions:
        raise not_authorized("Invalid session for the user.")
    username = _required(responses, "USERNAME")
    _check_secret_hash(client, [username], responses.get("SECRET_HASH"))
    user = find_user(pool, username)
    session_user = find_user(pool, engine.backend.sessions[session][0])
    if user is None or user is not session_user:
        raise not_authorized("Invalid session for the user.")
    responses["USERNAME"] = sign_in_name(user)
    if challenge == "NEW_PASSWORD_REQUIRED":
        engine.check_password(pool, responses.get("NEW_PASSWORD"))
    result = engine.backend.respond_to_auth_challenge(session, client.id, challenge, responses)
    engine.lockouts.record_success(user.id)
    return result


def _jwt_claims(token: str) -> dict[str, Any]:
    try:
        payload = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError, binascii.Error):
        return {}


@handles("RevokeToken")
def revoke_token(engine: StubEngine, params: dict[str, Any]) -> dict[str, Any]:
    token = _required(params, "Token")
    pool, client = _pool_and_client(engine, params.get("ClientId"))
    if client.generate_secret and params.get("ClientSecret") != client.secret:
        raise not_authorized(f"Unable to verify secret hash for client {client.id}")
    if token.count(".") == 2:
        raise CognitoError("UnsupportedTokenTypeException", "Unsupported token type")
    entry = pool.refresh_tokens.get(token)
    if token in pool.refresh_tokens and (entry is None or entry[0] == client.id):
        engine.revoked_tokens.add(token)
        pool.refresh_tokens[token] = None
        if entry is not None:
            origin_jti = entry[2]
            for issued in (pool.access_tokens, pool.id_tokens):
                for jwt in [t for t in issued if _jwt_claims(t).get("origin_jti") == origin_jti]:
                    del issued[jwt]
    return {}


@handles("ChangePassword")
def change_password(engine: StubEngine, params: dict[str, Any]) -> dict[str, Any]:
    access_token = _required(params, "AccessToken")
    for pool in engine.backend.user_pools.values():
        if access_token in pool.access_tokens:
            _client_id, username = pool.access_tokens[access_token]
            user = find_user(pool, username)
            engine.check_password(pool, params.get("ProposedPassword"))
            if user is None or user.password != params.get("PreviousPassword"):
                raise not_authorized(INCORRECT_CREDENTIALS)
            user.password = params.get("ProposedPassword")
            return {}
    raise not_authorized("Invalid Access Token")
