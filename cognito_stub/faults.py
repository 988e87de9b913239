"""Injected faults: the next N calls of an operation fail with an error and/or are delayed."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass

from .errors import DEFAULT_MESSAGES, CognitoError, status_for


class FaultSpecError(ValueError):
    """The fault description is not usable (answered over HTTP as 400)."""


@dataclass
class Fault:
    operation: str
    error: str | None = None
    times: int = 1
    delay_ms: int = 0
    message: str | None = None

    def to_error(self) -> CognitoError | None:
        if not self.error:
            return None
        message = self.message or DEFAULT_MESSAGES.get(self.error, f"Injected {self.error}")
        return CognitoError(self.error, message, status_for(self.error))

    def to_json(self) -> dict:
        data = asdict(self)
        if self.error:
            data["status"] = status_for(self.error)
        return data


def parse_fault(spec: object) -> Fault:
    """Validate a fault description such as {"operation": "InitiateAuth", "error": "..."}."""
    if not isinstance(spec, dict):
        raise FaultSpecError("fault must be a JSON object")
    operation = spec.get("operation")
    if not isinstance(operation, str) or not operation:
        raise FaultSpecError("'operation' is required, e.g. \"InitiateAuth\"")
    error = spec.get("error")
    if error is not None and (not isinstance(error, str) or not error.endswith("Exception")):
        raise FaultSpecError("'error' must be a Cognito error name ending in 'Exception'")
    times, delay_ms = spec.get("times", 1), spec.get("delay_ms", 0)
    for name, value in (("times", times), ("delay_ms", delay_ms)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise FaultSpecError(f"'{name}' must be a non-negative integer")
    if times < 1:
        raise FaultSpecError("'times' must be at least 1")
    if not error and delay_ms <= 0:
        raise FaultSpecError("give an 'error', a 'delay_ms' > 0, or both")
    message = spec.get("message")
    if message is not None and not isinstance(message, str):
        raise FaultSpecError("'message' must be a string")
    return Fault(operation, error or None, times, delay_ms, message)


class FaultBook:
    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def take(self, operation: str) -> Fault | None:
        """Use up one call of the oldest pending fault for `operation`, if any."""
        with self._lock:
            for fault in self._faults:
                if fault.operation == operation:
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                    return Fault(fault.operation, fault.error, 1, fault.delay_ms, fault.message)
        return None

    def pending(self) -> list[dict]:
        with self._lock:
            return [f.to_json() for f in self._faults]

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
