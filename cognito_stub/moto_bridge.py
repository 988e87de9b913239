"""Every use of moto and its internals. The rest of the stub treats moto's backend, pools and
users as opaque handles passed to the functions here. moto is imported lazily: importing
cognito_stub must not import it (it is a dev-only dependency)."""

from __future__ import annotations

import base64
import binascii
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from types import SimpleNamespace
from typing import Any

from .errors import TARGET_PREFIX, CognitoError, Response, json_response
from .ids import ACCOUNT_ID, REGION

# User statuses, as Cognito (and moto's UserStatus) spell them.
CONFIRMED = "CONFIRMED"
UNCONFIRMED = "UNCONFIRMED"
RESET_REQUIRED = "RESET_REQUIRED"


# -- the backend --------------------------------------------------------------------------
def reset_backend(validate_password: Callable[[Any, str], None]) -> Any:
    """Wipe moto's cognito-idp state (process-global) and return its backend, which from now on
    checks passwords with `validate_password(pool, password)` instead of moto's own check."""
    from moto.backends import get_backend

    backend = get_backend("cognito-idp")[ACCOUNT_ID][REGION]
    backend.reset()

    def check(user_pool_id: str, password: str) -> None:
        validate_password(backend.describe_user_pool(user_pool_id), password)

    backend._validate_password = check
    return backend


_signing_key_lock = threading.Lock()


@cache
def _moto_signing_key() -> Any:
    from joserfc import jwk
    from moto.utilities.utils import load_resource

    return jwk.RSAKey.import_key(load_resource("cognitoidp/resources/jwks-private.json"))


@cache
def public_jwks() -> bytes:
    """The public half of the key moto signs every token with."""
    from moto.utilities.utils import load_resource

    return json.dumps(load_resource("cognitoidp/resources/jwks-public.json")).encode()


# -- seeding with fixed ids (moto generates random ones) ----------------------------------
def create_pool(backend: Any, pool_id: str, name: str, config: dict[str, Any]) -> None:
    from moto.cognitoidp import models

    # moto parses its (fixed) RSA signing key for every new pool, ~0.15 s: parse it once.
    shim = SimpleNamespace(RSAKey=SimpleNamespace(import_key=lambda _data: _moto_signing_key()))
    with _signing_key_lock:
        original, models.jwk = models.jwk, shim
        try:
            pool = backend.create_user_pool(name, dict(config))
        finally:
            models.jwk = original
    backend.user_pools[pool_id] = backend.user_pools.pop(pool.id)
    pool.id = pool_id
    pool.arn = f"arn:aws:cognito-idp:{REGION}:{ACCOUNT_ID}:userpool/{pool_id}"


def create_client(
    backend: Any, pool_id: str, client_id: str, config: dict[str, Any], secret: str | None
) -> None:
    client = backend.create_user_pool_client(pool_id, bool(secret), config)
    clients = backend.user_pools[pool_id].clients
    clients[client_id] = clients.pop(client.id)
    client.id = client_id
    if secret:
        client.secret = secret


def create_confirmed_user(
    backend: Any, pool_id: str, username: str, password: str, attributes: list[dict[str, str]]
) -> None:
    confirm(backend.admin_create_user(pool_id, username, "SUPPRESS", password, attributes))


# -- pools and app clients ----------------------------------------------------------------
@dataclass(frozen=True)
class AppClient:
    id: str
    secret: str | None  # None for a client without a secret
    auth_flows: tuple[str, ...]


def pool_and_client(backend: Any, client_id: str | None) -> tuple[Any, AppClient] | None:
    for pool in backend.user_pools.values():
        if client_id in pool.clients:
            client = pool.clients[client_id]
            flows = tuple(client.extended_config.get("ExplicitAuthFlows") or ())
            secret = client.secret if client.generate_secret else None
            return pool, AppClient(client.id, secret, flows)
    return None


def find_pool(backend: Any, pool_id: str) -> Any | None:
    return backend.user_pools.get(pool_id)


def describe_pool(backend: Any, pool_id: str) -> Any:
    """The pool, or moto's ResourceNotFound (translated by as_cognito_error)."""
    return backend.describe_user_pool(pool_id)


def password_policy(pool: Any) -> dict[str, Any] | None:
    return pool.extended_config.get("Policies", {}).get("PasswordPolicy")


# -- users --------------------------------------------------------------------------------
def find_user(pool: Any, username: str | None) -> Any | None:
    """The user whose username or email matches (emails compared case-insensitively)."""
    if not username or not isinstance(username, str):
        return None
    if username in pool.users:
        return pool.users[username]
    wanted = username.lower()
    for user in pool.users.values():
        email = user.attribute_lookup.get("email")
        if email and email.lower() == wanted:
            return user
    return None


def sign_in_name(user: Any) -> str:
    """What moto expects as the username: the email in an email-username pool."""
    return user.attribute_lookup.get("email") or user.username


def email_of(user: Any) -> str:
    return user.attribute_lookup.get("email", "")


def user_id(user: Any) -> str:
    """The user's sub: stable, and what codes and lockouts are keyed by."""
    return user.id


def username(user: Any) -> str:
    return user.username


def is_enabled(user: Any) -> bool:
    return bool(user.enabled)


def user_status(user: Any) -> str:
    return getattr(user.status, "value", user.status)


def confirm(user: Any) -> None:
    from moto.cognitoidp.models import UserStatus

    user.status = UserStatus.CONFIRMED


def email_verified(user: Any) -> bool:
    return user.attribute_lookup.get("email_verified") == "true"


def set_email_verified(user: Any, verified: bool) -> None:
    user.update_attributes([{"Name": "email_verified", "Value": "true" if verified else "false"}])


def password_matches(user: Any, password: str | None) -> bool:
    return user.password == password


def set_password(user: Any, password: str) -> None:
    user.password = password


# -- moto's own operations ----------------------------------------------------------------
def sign_up(
    backend: Any, client_id: str, name: str, password: str, attributes: list[dict[str, str]]
) -> Any:
    return backend.sign_up(client_id, name, password, attributes)[0]  # (user, details)


def initiate_auth(backend: Any, client_id: str, flow: str, auth: dict[str, Any]) -> dict:
    return backend.initiate_auth(client_id, flow, auth)


def respond_to_auth_challenge(
    backend: Any, session: str, client_id: str, challenge: str, responses: dict[str, Any]
) -> dict[str, Any]:
    return backend.respond_to_auth_challenge(session, client_id, challenge, responses)


def admin_reset_user_password(backend: Any, pool: Any, user: Any) -> None:
    backend.admin_reset_user_password(pool.id, sign_in_name(user))


def session_username(backend: Any, session: Any) -> str | None:
    """Who an auth-challenge session belongs to, or None for an unknown session."""
    entry = backend.sessions.get(session)
    return entry[0] if entry else None


# -- tokens -------------------------------------------------------------------------------
@dataclass(frozen=True)
class RefreshToken:
    revoked: bool  # moto keeps revoked tokens (GlobalSignOut, RevokeToken) as None
    client_id: str | None = None
    username: str | None = None


def refresh_token(pool: Any, token: str) -> RefreshToken | None:
    """What moto knows of a refresh token, or None if it never issued it."""
    if token not in pool.refresh_tokens:
        return None
    entry = pool.refresh_tokens[token]  # (client id, username, origin jti) or None
    return RefreshToken(revoked=True) if entry is None else RefreshToken(False, *entry[:2])


def tokens_from_refresh_token(pool: Any, token: str) -> tuple[str, str, int]:
    """(access token, id token, expires in) minted from a valid refresh token."""
    return pool.create_tokens_from_refresh_token(token)


def _jwt_claims(token: str) -> dict[str, Any]:
    try:
        payload = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError, binascii.Error):
        return {}


def revoke_refresh_token(pool: Any, token: str) -> None:
    """Mark the refresh token revoked and forget the access/id tokens minted from it."""
    entry = pool.refresh_tokens.get(token)
    pool.refresh_tokens[token] = None
    if entry is not None:
        origin_jti = entry[2]
        for issued in (pool.access_tokens, pool.id_tokens):
            for jwt in [t for t in issued if _jwt_claims(t).get("origin_jti") == origin_jti]:
                del issued[jwt]


def access_token_owner(backend: Any, token: str) -> tuple[Any, str] | None:
    """The pool and username an access token was issued for, or None."""
    for pool in backend.user_pools.values():
        if token in pool.access_tokens:
            _client_id, name = pool.access_tokens[token]
            return pool, name
    return None


# -- every other operation: moto's own request handling -----------------------------------
def as_cognito_error(exc: Exception) -> CognitoError | None:
    """Translate a moto service exception (JsonRESTError) into ours, else None."""
    code = getattr(exc, "error_type", None)
    if not isinstance(code, str) or not code:
        return None
    status = getattr(exc, "code", None)
    return CognitoError(code, getattr(exc, "message", "") or "", status if status else None)


def dispatch(operation: str, params: dict[str, Any]) -> Response:
    """Run an operation through moto's own request handling (no Authorization header, so moto
    always picks our account and region)."""
    from moto.cognitoidp.responses import CognitoIdpResponse
    from moto.core.request import Request

    headers = {
        "X-Amz-Target": TARGET_PREFIX + operation,
        "Content-Type": "application/x-amz-json-1.1",
        "Host": "127.0.0.1",
    }
    request = Request.from_primitives(
        "POST", "http://127.0.0.1/", headers, json.dumps(params).encode()
    )
    try:
        status, _headers, body = CognitoIdpResponse.dispatch(request)
    except NotImplementedError as exc:
        raise CognitoError(
            "UnsupportedOperationException", f"cognito-stub does not implement {operation}"
        ) from exc
    text = body.decode() if isinstance(body, bytes) else (body or "")
    payload = json.loads(text) if text.strip() else {}
    if int(status) >= 400:
        raise CognitoError(payload.get("__type", "InternalErrorException"), payload.get("message"))
    return json_response(payload, int(status))
