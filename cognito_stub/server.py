"""The HTTP server (threaded, stdlib) and its in-process Python API."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from .control import ControlAPI
from .control_routes import describe
from .cors import with_cors
from .engine import StubEngine
from .faults import Fault
from .operations import HANDLERS
from .routes import route
from .state import StubOptions, StubState


class _HTTPServer(ThreadingHTTPServer):
    allow_reuse_address = True
    daemon_threads = True
    engine: StubEngine
    base_url: str


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    server_version = "cognito-stub"
    # HTTP/1.0: one request per connection, so no idle keep-alive thread outlives stop().
    protocol_version = "HTTP/1.0"

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        engine = self.server.engine
        response = route(
            engine, self.command, url.path, url.query, self.headers, body, self.server.base_url
        )
        origins = engine.state.options.cors_origins
        status, headers, payload = with_cors(response, self.command, self.headers, origins)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_DELETE = do_PUT = do_OPTIONS = _serve

    def log_message(self, format: str, *args: Any) -> None:
        pass  # codes are printed by the outbox; request lines would drown them


class StubServer(ControlAPI):
    """A local Cognito user-pool endpoint. Use as a context manager or start()/stop().

    Only one StubServer should run at a time in a process: moto's state is process-global.
    `options` are StubOptions (`clock=` included); `sleep` is how injected delays wait.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        sleep: Callable[[float], None] = time.sleep,
        **options: Any,
    ):
        self.host = host
        self._requested_port = port
        self.engine = StubEngine(StubState(StubOptions(**options)), HANDLERS, sleep=sleep)
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> StubServer:
        if self._httpd is not None:
            return self
        self.engine.reset()
        httpd = _HTTPServer((self.host, self._requested_port), _Handler)
        httpd.engine = self.engine
        self._httpd = httpd
        httpd.base_url = self.url
        self.engine.state.endpoint = self.url
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.name = f"cognito-stub:{self.port}"
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> StubServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            return self._requested_port
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("", "0.0.0.0") else self.host  # noqa: S104
        return f"http://{host}:{self.port}"

    # -- in-process control API (same as StubClient over HTTP) -------------------------------
    def info(self) -> dict[str, Any]:
        return describe(self.engine.state, self.url)

    def outbox(self, to: str | None = None, pool_id: str | None = None) -> list[dict[str, str]]:
        return self.engine.state.outbox.messages(to, pool_id)

    def clear_outbox(self) -> None:
        self.engine.state.outbox.clear()

    def _add_fault(self, spec: dict[str, Any]) -> dict[str, Any]:
        fault: Fault = self.engine.inject_fault(spec)
        return fault.to_json()

    def faults(self) -> list[dict[str, Any]]:
        return self.engine.faults.pending()

    def clear_faults(self) -> None:
        self.engine.faults.clear()

    def calls(self) -> dict[str, int]:
        return self.engine.calls()

    def clear_calls(self) -> None:
        self.engine.clear_calls()

    def expire_codes(self, to: str | None = None) -> int:
        return self.engine.state.codes.expire(to)

    def reset(self) -> None:
        self.engine.reset()

    def _create_pool(self, request: dict[str, Any]) -> dict[str, Any]:
        return self.engine.create_pool(request)

    def pools(self) -> list[dict[str, Any]]:
        return self.engine.managed_pools()

    def reset_pool(self, pool_id: str) -> dict[str, Any]:
        return self.engine.reset_pool(pool_id)

    def delete_pool(self, pool_id: str) -> None:
        self.engine.delete_pool(pool_id)
