"""pycognito, unchanged, against `python -m cognito_stub --issuer endpoint`: SRP `authenticate`,
token verification against the JWKS it finds from the issuer, `check_token`,
`renew_access_token`; and the discovery document and CORS of that stub (started with
`--cors-origins`)."""

from __future__ import annotations

import json
import signal
import urllib.request

import pytest
from pycognito import Cognito

from cognito_stub import APP_CLIENT_ID, DEMO_EMAIL, DEMO_PASSWORD, USER_POOL_ID, StubClient

from .helpers import STRONG_PASSWORD, error_of, free_port, start_cli_stub
from .test_cors import ORIGIN, preflight

ALLOWED = "http://allowed.example.test"
EMAIL = "pat@example.org"


@pytest.fixture(scope="module")
def endpoint_stub():
    """A stub in its own process: tokens' iss = its URL + the pool id."""
    port = free_port()
    process, banner = start_cli_stub(
        port, "--issuer", "endpoint", "--cors-origins", f"{ALLOWED},http://other.test"
    )
    url = f"http://127.0.0.1:{port}"
    try:
        assert f"token issuer   {url}/{USER_POOL_ID}" in banner
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=10)


@pytest.fixture
def control(endpoint_stub):
    client = StubClient(endpoint_stub)
    client.reset()
    return client


def user(url: str, username: str = DEMO_EMAIL, **kwargs) -> Cognito:
    return Cognito(
        USER_POOL_ID,
        APP_CLIENT_ID,
        username=username,
        boto3_client_kwargs={
            "endpoint_url": url,
            "aws_access_key_id": "testing",
            "aws_secret_access_key": "testing",
        },
        **kwargs,
    )


def test_srp_authenticate_verifies_tokens_against_the_endpoint_issuer(endpoint_stub, control):
    demo = user(endpoint_stub)
    demo.authenticate(password=DEMO_PASSWORD)  # SRP; pycognito verifies both tokens
    assert demo.id_claims["iss"] == f"{endpoint_stub}/{USER_POOL_ID}"
    assert demo.access_claims["iss"] == demo.id_claims["iss"]
    assert demo.id_claims["email"] == DEMO_EMAIL and demo.id_claims["email_verified"] is True
    assert demo.check_token() is False  # not expired: nothing to renew
    before = demo.access_claims
    demo.renew_access_token()  # REFRESH_TOKEN_AUTH, and the new tokens verified again
    assert demo.access_claims["jti"] != before["jti"]
    assert demo.access_claims["event_id"] == before["event_id"]
    assert demo.get_user().email == DEMO_EMAIL


def test_sign_up_confirm_and_a_wrong_password(endpoint_stub, control):
    newcomer = user(endpoint_stub, EMAIL)
    newcomer.register(EMAIL, STRONG_PASSWORD)
    newcomer.confirm_sign_up(control.latest_code(EMAIL, "sign_up"), EMAIL)
    newcomer.authenticate(password=STRONG_PASSWORD)
    assert newcomer.id_claims["email"] == EMAIL
    error = error_of(user(endpoint_stub, EMAIL).authenticate, password="Wrong-Passw0rd!")
    assert error["Message"] == "Incorrect username or password."


def test_discovery_document_names_the_endpoint_issuer(endpoint_stub, control):
    base = f"{endpoint_stub}/{USER_POOL_ID}"
    with urllib.request.urlopen(f"{base}/.well-known/openid-configuration") as answer:  # noqa: S310
        config = json.loads(answer.read())
    assert config["issuer"] == base
    assert config["jwks_uri"] == f"{base}/.well-known/jwks.json"
    assert control.info()["issuer"] == base


def test_only_the_listed_origins_get_cors_headers(endpoint_stub, control):
    status, headers, _ = preflight(endpoint_stub, "/", ALLOWED)
    assert status == 204 and headers["access-control-allow-origin"] == ALLOWED
    assert headers["vary"] == "Origin"
    _status, refused, _ = preflight(endpoint_stub, "/", ORIGIN)
    assert "access-control-allow-origin" not in refused
