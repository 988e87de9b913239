"""The `/_stub/` control API over HTTP: health, outbox, faults, calls, codes, reset, and the
pools made for isolated test runs (`/_stub/pools`, `/_stub/pools/<id>/reset`)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from .faults import FaultSpecError
from .ids import APP_CLIENT_ID, REGION, SECRET_CLIENT_ID, USER_POOL_ID
from .pools import PoolSpecError

if TYPE_CHECKING:
    from .engine import StubEngine
    from .errors import Response
    from .state import StubState

JSON = "application/json"
KNOWN = {"health", "outbox", "faults", "calls", "codes/expire", "reset", "pools"}


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
        "issuer": state.issuer(USER_POOL_ID),
    }
    if state.client_secret:
        info["secret_client_id"] = SECRET_CLIENT_ID
        info["secret_client_secret"] = state.client_secret
    return info


def control(
    engine: StubEngine, method: str, name: str, query: str, body: bytes, base_url: str
) -> Response:
    params = {k: v[-1] for k, v in parse_qs(query).items()}
    state = engine.state
    try:
        if name == "health" and method == "GET":
            return _json(describe(state, base_url))
        if name == "outbox":
            if method == "GET":
                messages = state.outbox.messages(params.get("to"), params.get("pool"))
                return _json({"messages": messages})
            if method == "DELETE":
                state.outbox.clear()
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
            return _json({"expired": state.codes.expire(spec.get("to"))})
        if name == "reset" and method == "POST":
            engine.reset()
            return _json(describe(state, base_url))
        if name == "pools" or name.startswith("pools/"):
            return _pools(engine, method, name, body)
    except (FaultSpecError, PoolSpecError) as exc:
        return _problem(400, str(exc))
    except ValueError as exc:
        return _problem(400, f"body is not valid JSON: {exc}")
    if name in KNOWN:
        return _problem(405, f"{method} not allowed on /_stub/{name}")
    return _problem(404, f"No stub endpoint /_stub/{name}")


def _pools(engine: StubEngine, method: str, name: str, body: bytes) -> Response:
    """POST /_stub/pools (a new pool and client), GET /_stub/pools (the managed pools),
    POST /_stub/pools/<id>/reset, DELETE /_stub/pools/<id>."""
    parts = name.split("/")
    if parts == ["pools"]:
        if method == "POST":
            return _json(engine.create_pool(_body_json(body, default={})), 201)
        if method == "GET":
            return _json({"pools": engine.managed_pools()})
        return _problem(405, f"{method} not allowed on /_stub/pools")
    pool_id, action = parts[1], "/".join(parts[2:])
    if action not in ("", "reset"):
        return _problem(404, f"No stub endpoint /_stub/{name}")
    try:
        if action == "reset" and method == "POST":
            return _json(engine.reset_pool(pool_id))
        if action == "" and method == "DELETE":
            engine.delete_pool(pool_id)
            return _json({"deleted": pool_id})
    except KeyError:
        return _problem(404, f"No pool {pool_id} made by the stub")
    return _problem(405, f"{method} not allowed on /_stub/{name}")
