"""What StubServer (in-process) and StubClient (over HTTP) share of the control API.

Each supplies its transport (`outbox`, `_add_fault`, `_create_pool`); the questions, the fault
spec and the pool request live here.
"""

from __future__ import annotations

from typing import Any


class ControlAPI:
    def outbox(self, to: str | None = None) -> list[dict[str, str]]:
        raise NotImplementedError

    def _add_fault(self, spec: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def _create_pool(self, request: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def create_pool(
        self,
        *,
        name: str | None = None,
        mfa: str = "off",
        client_secret: bool | str = False,
        auth_flows: list[str] | None = None,
        refresh_token_rotation: int | None = None,
        first_factors: list[str] | None = None,
        webauthn_rp_id: str | None = None,
        webauthn_user_verification: str | None = None,
    ) -> dict[str, Any]:
        """A new pool with one app client, for a test of its own: its `user_pool_id`,
        `client_id`, `client_secret` (or None), `issuer`, `region`, `endpoint` ...
        `refresh_token_rotation` is the old token's grace period (seconds), None for off;
        `first_factors` the pool's AllowedFirstAuthFactors; `webauthn_*` its passkeys' relying
        party (None: the defaults, every factor and `localhost`, preferred)."""
        request: dict[str, Any] = {"mfa": mfa, "client_secret": client_secret}
        optional = {
            "name": name,
            "auth_flows": list(auth_flows) if auth_flows is not None else None,
            "refresh_token_rotation": refresh_token_rotation,
            "first_factors": list(first_factors) if first_factors is not None else None,
            "webauthn_rp_id": webauthn_rp_id,
            "webauthn_user_verification": webauthn_user_verification,
        }
        request.update({key: value for key, value in optional.items() if value is not None})
        return self._create_pool(request)

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
