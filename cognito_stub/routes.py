"""HTTP routing: Cognito's JSON protocol on `POST /`, each pool's JWKS and discovery document,
preflights (CORS headers are added by the server), and the `/_stub/` control API."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .control_routes import control

if TYPE_CHECKING:
    from .engine import StubEngine
    from .errors import Response

JSON = "application/json"


def route(
    engine: StubEngine,
    method: str,
    path: str,
    query: str,
    headers: Any,
    body: bytes,
    base_url: str = "",
) -> Response:
    if method == "OPTIONS":
        return 204, {}, b""
    if path == "/" and method == "POST":
        return engine.handle(headers.get("X-Amz-Target"), body)
    if path.startswith("/_stub/"):
        return control(engine, method, path[len("/_stub/") :].rstrip("/"), query, body, base_url)
    parts = path.strip("/").split("/")
    if method == "GET" and len(parts) == 3 and parts[1] == ".well-known":
        return _well_known(engine, parts[0], parts[2], base_url)
    return _json({"error": f"No route for {method} {path}"}, 404)


def _json(payload: Any, status: int = 200) -> Response:
    return status, {"Content-Type": JSON}, json.dumps(payload).encode()


def _well_known(engine: StubEngine, pool_id: str, name: str, base_url: str) -> Response:
    """`jwks.json` (the stub's own key) and `openid-configuration` (its `issuer` is the
    pool's tokens' `iss`, in either issuer mode)."""
    if not engine.pool_exists(pool_id):
        return _json({"error": f"User pool {pool_id} does not exist."}, 404)
    state = engine.state
    if name == "jwks.json":
        return 200, {"Content-Type": JSON}, state.minter.key.jwks()
    if name == "openid-configuration":
        return _json(
            {
                "issuer": state.issuer(pool_id),
                "jwks_uri": f"{base_url}/{pool_id}/.well-known/jwks.json",
                "id_token_signing_alg_values_supported": ["RS256"],
                "subject_types_supported": ["public"],
                "response_types_supported": ["code", "token"],
            }
        )
    return _json({"error": f"No route for GET /{pool_id}/.well-known/{name}"}, 404)
