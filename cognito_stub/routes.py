"""HTTP routing: Cognito's JSON protocol on `POST /`, the JWKS, and the `/_stub/` control API."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from .faults import FaultSpecError
from .ids import APP_CLIENT_ID, ISSUER, REGION, SECRET_CLIENT_ID, USER_POOL_ID
from .moto_bridge import public_jwks

if TYPE_CHECKING:
    from .engine import StubEngine
    from .errors import Response
    from .state import StubState

JSON = "application/json"


def _json(payload: Any, status: int = 200) -> Response:
    return status, {"Content-Type": JSON}, json.dumps(payload).encode()


def _problem(status: int, message: str) -> Response:
    return _json({"error": message}, status)


def _body_json(body: bytes, *, default: Any = None) -> Any:
    """Parse a control-API body; raises ValueError when it is not JSON."""
    if not body.strip():
        return default
    return json.loads(body)


def describe(state: StubState, base_url: str = "") -> dict[str, Any]:
    info = {
        "ok": True,
        "endpoint": base_url,
        "region": REGION,
        "user_pool_id": USER_POOL_ID,
        "client_id": APP_CLIENT_ID,
        "issuer": ISSUER,
    }
    if state.client_secret:
        info["secret_client_id"] = SECRET_CLIENT_ID
        info["secret_client_secret"] = state.client_secret
    return info


def route(
    engine: StubEngine,
    method: str,
    path: str,
    query: str,
    headers: Any,
    body: bytes,
    base_url: str = "",
) -> Response:
    if path == "/" and method == "POST":
        return engine.handle(headers.get("X-Amz-Target"), body)
    if path.startswith("/_stub/"):
        return _control(engine, method, path[len("/_stub/") :].rstrip("/"), query, body, base_url)
    parts = path.strip("/").split("/")
    if method == "GET" and len(parts) == 3 and parts[1] == ".well-known":
        pool_id = parts[0]
        if not engine.pool_exists(pool_id):
            return _problem(404, f"User pool {pool_id} does not exist.")
        if parts[2] == "jwks.json":
            return 200, {"Content-Type": JSON}, public_jwks()
        if parts[2] == "openid-configuration":
            return _json(
                {
                    "issuer": f"https://cognito-idp.{REGION}.amazonaws.com/{pool_id}",
                    "jwks_uri": f"{base_url}/{pool_id}/.well-known/jwks.json",
                    "id_token_signing_alg_values_supported": ["RS256"],
                    "subject_types_supported": ["public"],
                    "response_types_supported": ["code", "token"],
                }
            )
    return _problem(404, f"No route for {method} {path}")


def _control(
    engine: StubEngine, method: str, name: str, query: str, body: bytes, base_url: str
) -> Response:
    params = {k: v[-1] for k, v in parse_qs(query).items()}
    try:
        if name == "health" and method == "GET":
            return _json(describe(engine.state, base_url))
        if name == "outbox":
            if method == "GET":
                return _json({"messages": engine.state.outbox.messages(params.get("to"))})
            if method == "DELETE":
                engine.state.outbox.clear()
                return _json({"messages": []})
        if name == "faults":
            if method == "GET":
                return _json({"faults": engine.faults.pending()})
            if method == "POST":
                fault = engine.inject_fault(_body_json(body))
                return _json({"fault": fault.to_json()})
            if method == "DELETE":
                engine.faults.clear()
                return _json({"faults": []})
        if name == "calls":
            if method == "GET":
                return _json({"calls": engine.calls()})
            if method == "DELETE":
                engine.clear_calls()
                return _json({"calls": {}})
        if name == "codes/expire" and method == "POST":
            spec = _body_json(body, default={})
            if not isinstance(spec, dict):
                return _problem(400, 'body must be a JSON object like {"to": "a@b.c"}')
            return _json({"expired": engine.state.codes.expire(spec.get("to"))})
        if name == "reset" and method == "POST":
            engine.reset()
            return _json(describe(engine.state, base_url))
    except FaultSpecError as exc:
        return _problem(400, str(exc))
    except ValueError as exc:
        return _problem(400, f"body is not valid JSON: {exc}")
    known = {"health", "outbox", "faults", "calls", "codes/expire", "reset"}
    if name in known:
        return _problem(405, f"{method} not allowed on /_stub/{name}")
    return _problem(404, f"No stub endpoint /_stub/{name}")
