"""CORS on every route, so that a browser page on another origin can call the stub: preflights
answered, Access-Control-Allow-Origin on answers (errors too), x-amzn-* headers exposed."""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

import pytest

from cognito_stub import APP_CLIENT_ID, USER_POOL_ID

ORIGIN = "http://app.example.test:3000"
AMPLIFY_HEADERS = "content-type,x-amz-target,x-amz-user-agent,cache-control,amz-sdk-request"


def request(url: str, method: str, path: str, headers: dict, body: bytes = b""):
    """(status, headers with lower-case names, body) of one request."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def preflight(url: str, path: str, origin: str = ORIGIN):
    return request(
        url,
        "OPTIONS",
        path,
        {
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": AMPLIFY_HEADERS,
        },
    )


@pytest.mark.parametrize(
    "path", ["/", "/_stub/outbox", "/_stub/pools", f"/{USER_POOL_ID}/.well-known/jwks.json"]
)
def test_a_preflight_is_answered_anywhere(stub, path):
    status, headers, body = preflight(stub.url, path)
    assert (status, body) == (204, b"")
    assert headers["access-control-allow-origin"] == "*"
    assert "POST" in headers["access-control-allow-methods"]
    allowed = {h.strip() for h in headers["access-control-allow-headers"].split(",")}
    assert set(AMPLIFY_HEADERS.split(",")) | {"authorization", "amz-sdk-invocation-id"} <= allowed


def test_cognito_answers_and_errors_carry_the_cors_headers(stub):
    def call(operation: str, params: dict):
        return request(
            stub.url,
            "POST",
            "/",
            {
                "Origin": ORIGIN,
                "Content-Type": "application/x-amz-json-1.1",
                "X-Amz-Target": f"AWSCognitoIdentityProviderService.{operation}",
            },
            json.dumps(params).encode(),
        )

    status, headers, _ = call("InitiateAuth", {"ClientId": APP_CLIENT_ID})
    assert status == 400 and headers["x-amzn-errortype"] == "InvalidParameterException"
    assert headers["access-control-allow-origin"] == "*"
    exposed = headers["access-control-expose-headers"].lower()
    assert "x-amzn-requestid" in exposed and "x-amzn-errortype" in exposed
    status, headers, _ = request(stub.url, "GET", "/_stub/health", {"Origin": ORIGIN})
    assert status == 200 and headers["access-control-allow-origin"] == "*"
