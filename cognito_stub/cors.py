"""CORS, so that a browser page on another origin (Amplify, or plain fetch) can call the stub:
every answer carries Access-Control-Allow-Origin for an allowed origin (and exposes the
x-amzn-* headers), and a preflight (OPTIONS, any path) is answered 204 with the methods and
headers such clients send."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .errors import Response

ALLOW_METHODS = "GET, POST, PUT, DELETE, OPTIONS"
# What AWS SDKs and Amplify send (fetch's own simple headers need no listing).
ALLOW_HEADERS = ", ".join(
    [
        "authorization",
        "cache-control",
        "content-type",
        "x-amz-target",
        "x-amz-user-agent",
        "x-amz-date",
        "x-amz-security-token",
        "x-amz-content-sha256",
        "x-amz-api-version",
        "amz-sdk-invocation-id",
        "amz-sdk-request",
        "x-amzn-trace-id",
    ]
)
EXPOSE_HEADERS = "x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, date"
MAX_AGE = "600"


def allowed_origin(origin: str | None, allowed: Iterable[str]) -> str | None:
    """The Access-Control-Allow-Origin value for a request from `origin`, or None."""
    allowed = tuple(allowed)
    if "*" in allowed:
        return "*"
    if origin and origin.rstrip("/") in {a.rstrip("/") for a in allowed}:
        return origin
    return None


def _allow_headers(requested: str | None) -> str:
    """The headers Amplify and the SDKs send, and any other the preflight asks for (a local
    stub refuses no header)."""
    names = [n.strip() for n in ALLOW_HEADERS.split(",")]
    extra = [n.strip().lower() for n in (requested or "").split(",") if n.strip()]
    return ", ".join(dict.fromkeys(names + extra))


def with_cors(
    response: Response, method: str, headers: Mapping[str, str], allowed: Iterable[str]
) -> Response:
    """`response` with the CORS headers its request deserves (none for a refused origin)."""
    status, answer_headers, body = response
    allowed = tuple(allowed)
    origin = allowed_origin(headers.get("Origin"), allowed)
    extra: dict[str, str] = {}
    if "*" not in allowed:
        extra["Vary"] = "Origin"
    if origin is not None:
        extra["Access-Control-Allow-Origin"] = origin
        extra["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
        if method == "OPTIONS":
            extra["Access-Control-Allow-Methods"] = ALLOW_METHODS
            extra["Access-Control-Allow-Headers"] = _allow_headers(
                headers.get("Access-Control-Request-Headers")
            )
            extra["Access-Control-Max-Age"] = MAX_AGE
    return status, {**answer_headers, **extra}, body
