"""One stub server for the whole run, reset before every test; boto3 clients pointed at it.

The stub reads time from a FakeClock and waits out injected delays with it, so no test here
sleeps or measures wall time."""

from __future__ import annotations

import pytest

from cognito_stub import StubServer

from .clock import FakeClock
from .helpers import make_client


@pytest.fixture(scope="session")
def clock():
    return FakeClock()


@pytest.fixture(scope="session")
def stub(clock):
    with StubServer(
        port=0, client_secret=True, echo=False, clock=clock, sleep=clock.sleep
    ) as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh_stub(stub, clock):
    clock.restart()
    stub.reset()


@pytest.fixture(scope="session")
def cognito(stub):
    """Public (unsigned) client, no retries: what the app uses for SignUp/InitiateAuth."""
    return make_client(stub.url)


@pytest.fixture(scope="session")
def admin(stub):
    """Signed client with dummy credentials, for Admin* and pool operations."""
    return make_client(stub.url, signed=True)
