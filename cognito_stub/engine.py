"""Request dispatch: call counts and injected faults first, then our handler for the operation
if we have one, else moto. It knows nothing of what the handlers do; it is given them."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from . import moto_bridge as bridge
from .errors import TARGET_PREFIX, CognitoError, Response, error_response, json_response
from .faults import Fault, FaultBook, parse_fault
from .pools import spec_from_request
from .state import Handler, StubState
from .users import canonicalize_usernames

log = logging.getLogger("cognito_stub")


class StubEngine:
    def __init__(
        self,
        state: StubState,
        handlers: Mapping[str, Handler],
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.state = state
        self.handlers = dict(handlers)
        self.sleep = sleep  # how injected delays wait (outside the lock)
        self.lock = threading.RLock()
        self.faults = FaultBook()
        self._calls: Counter[str] = Counter()

    def reset(self) -> None:
        """The state back to its seed; no pending faults, no calls counted."""
        with self.lock:
            self.state.reset()
            self.faults.clear()
            self._calls.clear()

    def calls(self) -> dict[str, int]:
        with self.lock:
            return dict(self._calls)

    def clear_calls(self) -> None:
        with self.lock:
            self._calls.clear()

    def inject_fault(self, spec: dict[str, Any]) -> Fault:
        return self.faults.add(parse_fault(spec))

    def pool_exists(self, pool_id: str) -> bool:
        with self.lock:
            return self.state.pool_exists(pool_id)

    # -- pools for isolated test runs (PoolSpecError for a bad request, KeyError for a pool
    # the stub did not make) --------------------------------------------------------------
    def create_pool(self, request: Any) -> dict[str, Any]:
        spec = spec_from_request(request)
        with self.lock:
            self.state.add_pool(spec)
            return self.state.describe_pool(spec)

    def reset_pool(self, pool_id: str) -> dict[str, Any]:
        with self.lock:
            return self.state.describe_pool(self.state.reset_pool(pool_id))

    def delete_pool(self, pool_id: str) -> None:
        with self.lock:
            self.state.remove_pool(pool_id)

    def managed_pools(self) -> list[dict[str, Any]]:
        with self.lock:
            return [self.state.describe_pool(spec) for spec in self.state.pools.values()]

    def handle(self, target: str | None, body: bytes) -> Response:
        """Answer one Cognito JSON-protocol request (`X-Amz-Target` header and body)."""
        if not target or not target.startswith(TARGET_PREFIX):
            return error_response(
                CognitoError("UnknownOperationException", f"Unknown target: {target}")
            )
        operation = target[len(TARGET_PREFIX) :]
        with self.lock:
            self._calls[operation] += 1
        fault = self.faults.take(operation)
        if fault is not None:
            if fault.delay_ms:
                self.sleep(fault.delay_ms / 1000)
            error = fault.to_error()
            if error is not None:
                return error_response(error)
        try:
            params = json.loads(body or b"{}")
        except ValueError:
            params = None
        if not isinstance(params, dict):
            return error_response(
                CognitoError("SerializationException", "Request body is not a JSON object")
            )
        with self.lock:
            return self._answer(operation, params)

    def _answer(self, operation: str, params: dict[str, Any]) -> Response:
        try:
            handler = self.handlers.get(operation)
            if handler is not None:
                return json_response(handler(self.state, params))
            canonicalize_usernames(self.state.backend, params)
            return bridge.dispatch(operation, params)
        except CognitoError as exc:
            return error_response(exc)
        except Exception as exc:
            translated = bridge.as_cognito_error(exc)
            if translated is not None:
                return error_response(translated)
            log.exception("cognito-stub failed on %s", operation)
            return error_response(CognitoError("InternalErrorException", str(exc)))
