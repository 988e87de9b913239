"""What StubServer (in-process) and StubClient (over HTTP) share of the control API.

Each supplies its transport (`outbox`, `_add_fault`); the questions and the fault spec live here.
"""

from __future__ import annotations

from typing import Any


class ControlAPI:
    def outbox(self, to: str | None = None) -> list[dict[str, str]]:
        raise NotImplementedError

    def _add_fault(self, spec: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def latest_code(self, to: str, purpose: str | None = None) -> str | None:
        """The newest code sent to `to` (for `purpose`, if given), or None."""
        for message in self.outbox(to):
            if purpose is None or message["purpose"] == purpose:
                return message["code"]
        return None

    def inject_fault(
        self,
        operation: str,
        error: str | None = None,
        times: int = 1,
        delay_ms: int = 0,
        message: str | None = None,
    ) -> dict[str, Any]:
        """The next `times` calls of `operation` fail with `error` and/or answer `delay_ms` late."""
        spec: dict[str, Any] = {
            "operation": operation,
            "error": error,
            "times": times,
            "delay_ms": delay_ms,
        }
        if message is not None:
            spec["message"] = message
        return self._add_fault(spec)
