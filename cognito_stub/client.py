"""StubClient: the StubServer control API over HTTP (stdlib only), for another process."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode

from .control import ControlAPI


class StubClientError(RuntimeError):
    def __init__(self, status: int, payload: Any):
        self.status = status
        self.payload = payload
        super().__init__(f"cognito-stub answered {status}: {payload}")


class StubClient(ControlAPI):
    def __init__(self, base_url: str, timeout: float = 10.0):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def _request(self, method: str, path: str, payload: Any = None) -> Any:
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(  # noqa: S310 - the URL is the stub's, given by the caller
            self.base_url + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as exc:
            body = exc.read()
            try:
                detail = json.loads(body)
            except ValueError:
                detail = body.decode(errors="replace")
            raise StubClientError(exc.code, detail) from None

    @property
    def url(self) -> str:
        return self.base_url

    def info(self) -> dict[str, Any]:
        return self._request("GET", "/_stub/health")

    def outbox(self, to: str | None = None, pool_id: str | None = None) -> list[dict[str, str]]:
        wanted = {k: v for k, v in (("to", to), ("pool", pool_id)) if v}
        query = f"?{urlencode(wanted)}" if wanted else ""
        return self._request("GET", f"/_stub/outbox{query}")["messages"]

    def clear_outbox(self) -> None:
        self._request("DELETE", "/_stub/outbox")

    def _add_fault(self, spec: dict[str, Any]) -> dict[str, Any]:
        return self._request("POST", "/_stub/faults", spec)["fault"]

    def faults(self) -> list[dict[str, Any]]:
        return self._request("GET", "/_stub/faults")["faults"]

    def clear_faults(self) -> None:
        self._request("DELETE", "/_stub/faults")

    def calls(self) -> dict[str, int]:
        return self._request("GET", "/_stub/calls")["calls"]

    def clear_calls(self) -> None:
        self._request("DELETE", "/_stub/calls")

    def expire_codes(self, to: str | None = None) -> int:
        return self._request("POST", "/_stub/codes/expire", {"to": to} if to else {})["expired"]

    def reset(self) -> None:
        self._request("POST", "/_stub/reset", {})

    def _create_pool(self, request: dict[str, Any]) -> dict[str, Any]:
        return self._request("POST", "/_stub/pools", request)

    def pools(self) -> list[dict[str, Any]]:
        return self._request("GET", "/_stub/pools")["pools"]

    def reset_pool(self, pool_id: str) -> dict[str, Any]:
        return self._request("POST", f"/_stub/pools/{pool_id}/reset", {})

    def delete_pool(self, pool_id: str) -> None:
        self._request("DELETE", f"/_stub/pools/{pool_id}")
