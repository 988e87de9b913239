"""moto's cognito-idp backend: reset with our hooks, seeding with fixed ids, and moto's own
request handling for the operations we leave to it."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from functools import cache
from types import SimpleNamespace
from typing import Any

from ..errors import TARGET_PREFIX, CognitoError, Response, json_response
from ..ids import ACCOUNT_ID, REGION
from ..minting import TokenMinter
from .tokens import mint_with
from .users import confirm


def reset_backend(validate_password: Callable[[Any, str], None], minter: TokenMinter) -> Any:
    """Wipe moto's cognito-idp state (process-global) and return its backend, which from now on
    checks passwords with `validate_password(pool, password)` instead of moto's own check, and
    whose pools (seeded, or created by CreateUserPool) mint their tokens with `minter`."""
    from moto.backends import get_backend

    backend = get_backend("cognito-idp")[ACCOUNT_ID][REGION]
    backend.reset()  # also drops the instance attributes set below

    def check(user_pool_id: str, password: str) -> None:
        validate_password(backend.describe_user_pool(user_pool_id), password)

    create_user_pool = backend.create_user_pool

    def create_adapted_pool(name: str, config: dict[str, Any]) -> Any:
        pool = create_user_pool(name, config)
        mint_with(pool, minter)
        return pool

    backend._validate_password = check
    backend.create_user_pool = create_adapted_pool
    return backend


_signing_key_lock = threading.Lock()


@cache
def _moto_signing_key() -> Any:
    """moto parses its published key for every pool it makes; we never sign with it."""
    from joserfc import jwk
    from moto.utilities.utils import load_resource

    return jwk.RSAKey.import_key(load_resource("cognitoidp/resources/jwks-private.json"))


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


# -- every other operation: moto's own request handling -----------------------------------
def as_cognito_error(exc: Exception) -> CognitoError | None:
    """Translate a moto service exception (JsonRESTError) into ours, else None."""
    code = getattr(exc, "error_type", None)
    if not isinstance(code, str) or not code:
        return None
    status = getattr(exc, "code", None)
    return CognitoError(code, getattr(exc, "message", "") or "", status if status else None)


def dispatch(operation: str, params: dict[str, Any]) -> Response:
    """Run an operation through moto's own request handling and answer as it does."""
    status, payload = _moto(operation, params)
    return json_response(payload, status)


def moto_answer(operation: str, params: dict[str, Any]) -> dict[str, Any]:
    """moto's JSON answer to an operation, for a handler of ours to adjust."""
    return _moto(operation, params)[1]


def admin_describe(pool_id: str, user: Any) -> dict[str, Any]:
    """moto's AdminGetUser answer, without moto's own MFA settings (MFA is the stub's)."""
    answer = moto_answer("AdminGetUser", {"UserPoolId": pool_id, "Username": user.username})
    for key in ("MFAOptions", "UserMFASettingList", "PreferredMfaSetting"):
        answer.pop(key, None)
    return answer


def _moto(operation: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """(status, JSON answer) of moto's own request handling (no Authorization header, so moto
    always picks our account and region); its errors raised as CognitoError."""
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
    return int(status), payload
