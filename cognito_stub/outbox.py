"""Every code the stub "sends", kept in memory and echoed to stdout."""

from __future__ import annotations

import sys
import threading
from datetime import UTC, datetime


class Outbox:
    def __init__(self, echo: bool = True):
        self.echo = echo
        self._messages: list[dict[str, str]] = []
        self._lock = threading.Lock()

    def record(
        self, to: str, username: str, purpose: str, code: str, pool_id: str = ""
    ) -> dict[str, str]:
        message = {
            "to": to,
            "username": username,
            "user_pool_id": pool_id,
            "purpose": purpose,
            "code": code,
            "sent_at": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        }
        with self._lock:
            self._messages.append(message)
        if self.echo:
            print(f"[cognito-stub] code {code} for {to} ({purpose})", file=sys.stdout, flush=True)
        return message

    def messages(self, to: str | None = None, pool_id: str | None = None) -> list[dict[str, str]]:
        """Newest first; `to` filters by recipient, case-insensitively; `pool_id` by pool."""
        with self._lock:
            found = [dict(m) for m in reversed(self._messages)]
        if to:
            found = [m for m in found if m["to"].lower() == to.lower()]
        if pool_id:
            found = [m for m in found if m["user_pool_id"] == pool_id]
        return found

    def forget_pool(self, pool_id: str) -> None:
        with self._lock:
            self._messages = [m for m in self._messages if m["user_pool_id"] != pool_id]

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()
