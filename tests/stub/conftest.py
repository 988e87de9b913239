"""One stub server for the whole run, reset before every test; boto3 clients pointed at it."""

from __future__ import annotations

import pytest

from cognito_stub import StubServer

from .helpers import make_client


@pytest.fixture(scope="session")
def stub():
    with StubServer(port=0, client_secret=True, echo=False) as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh_stub(stub):
    stub.reset()


@pytest.fixture(scope="session")
def cognito(stub):
    """Public (unsigned) client, no retries: what the app uses for SignUp/InitiateAuth."""
    return make_client(stub.url)


@pytest.fixture(scope="session")
def admin(stub):
    """Signed client with dummy credentials, for Admin* and pool operations."""
    return make_client(stub.url, signed=True)
