"""What StubServer (in-process) and StubClient (over HTTP) share of the control API."""

from __future__ import annotations

from typing import Any


def fault_spec(
    operation: str,
    error: str | None = None,
    times: int = 1,
    delay_ms: int = 0,
    message: str | None = None,
) -> dict[str, Any]:
    """The JSON body of POST /_stub/faults."""
    spec: dict[str, Any] = {
        "operation": operation,
        "error": error,
        "times": times,
        "delay_ms": delay_ms,
    }
    if message is not None:
        spec["message"] = message
    return spec


class OutboxQueries:
    """Questions answered from `outbox()`, whichever way it is read."""

    def outbox(self, to: str | None = None) -> list[dict[str, str]]:
        raise NotImplementedError

    def latest_code(self, to: str, purpose: str | None = None) -> str | None:
        """The newest code sent to `to` (for `purpose`, if given), or None."""
        for message in self.outbox(to):
            if purpose is None or message["purpose"] == purpose:
                return message["code"]
        return None
