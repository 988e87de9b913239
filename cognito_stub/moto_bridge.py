"""Everything that touches moto: its process-global backend, its HTTP dispatch, its JWKS."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from types import SimpleNamespace
from typing import Any

from .errors import CognitoError, Response, json_response
from .seed import ACCOUNT_ID, REGION

TARGET_PREFIX = "AWSCognitoIdentityProviderService."


def cognito_backend() -> Any:
    """moto's cognito-idp backend for our account/region (shared by the whole process)."""
    from moto.backends import get_backend

    return get_backend("cognito-idp")[ACCOUNT_ID][REGION]


_signing_key_lock = threading.Lock()


@cache
def _moto_signing_key() -> Any:
    from joserfc import jwk
    from moto.utilities.utils import load_resource

    return jwk.RSAKey.import_key(load_resource("cognitoidp/resources/jwks-private.json"))


@contextmanager
def reuse_signing_key() -> Iterator[None]:
    """moto parses its (fixed) RSA signing key for every new user pool, ~0.15 s each time.
    While this is active, pools get the key parsed once per process instead."""
    from moto.cognitoidp import models

    original = models.jwk
    shim = SimpleNamespace(RSAKey=SimpleNamespace(import_key=lambda _data: _moto_signing_key()))
    with _signing_key_lock:
        models.jwk = shim
        try:
            yield
        finally:
            models.jwk = original


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


@cache
def public_jwks() -> bytes:
    """The public half of the key moto signs every token with."""
    from moto.utilities.utils import load_resource

    return json.dumps(load_resource("cognitoidp/resources/jwks-public.json")).encode()
