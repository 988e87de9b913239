"""A pytest plugin: a local Cognito for any test suite (no Django needed).

Load it with `pytest -p cognito_stub.pytest_plugin` (or `pytest_plugins =
["cognito_stub.pytest_plugin"]` in a root conftest.py); once the stub is pip-installed, its
`pytest11` entry point (named `cognito_stub.pytest_plugin` too, so both ways load it once)
loads it by itself. Fixtures:

- `cognito_stub` (session): the stub's control API, a `StubServer` started on a free port in
  this process, or a `StubClient` for the stub at `--cognito-stub-url` / `COGNITO_STUB_URL`
  (one stub shared by parallel workers: each test still gets its own pool). Its `.url` is the
  endpoint for any Cognito client.
- `cognito_pool` (function): a fresh pool with one app client (CognitoPool: ids, secret,
  issuer, a boto3 `cognito-idp` client, the pool's outbox), deleted after the test. Options
  with `@pytest.mark.cognito_pool(mfa="on", client_secret=True, auth_flows=[...],
  refresh_token_rotation=30, name="...", first_factors=[...], webauthn_rp_id="...",
  webauthn_user_verification="required")`.

moto's state is process-wide: do not start another StubServer in a process that uses the
in-process `cognito_stub`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from .client import StubClient
from .control import ControlAPI
from .server import StubServer
from .users import secret_hash


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("cognito_stub", "local Cognito stub")
    group.addoption(
        "--cognito-stub-url",
        default=os.environ.get("COGNITO_STUB_URL", ""),
        help="use the stub running there instead of starting one (default: $COGNITO_STUB_URL)",
    )
    group.addoption(
        "--cognito-stub-issuer",
        choices=("aws", "endpoint"),
        default="aws",
        help="tokens' iss for the stub this plugin starts (aws or endpoint)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "cognito_pool(**options): options for the test's cognito_pool"
    )


@dataclass
class CognitoPool:
    user_pool_id: str
    client_id: str
    client_secret: str | None
    region: str
    endpoint: str
    issuer: str
    stub: ControlAPI = field(repr=False)
    _client: Any = field(default=None, repr=False)

    @property
    def client(self) -> Any:
        """A boto3 `cognito-idp` client for the stub (dummy credentials: admin calls work)."""
        if self._client is None:
            import boto3

            self._client = boto3.client(
                "cognito-idp",
                region_name=self.region,
                endpoint_url=self.endpoint,
                aws_access_key_id="testing",
                aws_secret_access_key="testing",  # noqa: S106 - the stub checks no credentials
            )
        return self._client

    def outbox(self, to: str | None = None) -> list[dict[str, str]]:
        """Messages "sent" in this pool, newest first."""
        return self.stub.outbox(to, pool_id=self.user_pool_id)

    def latest_code(self, to: str, purpose: str | None = None) -> str | None:
        for message in self.outbox(to):
            if purpose is None or message["purpose"] == purpose:
                return message["code"]
        return None

    def secret_hash(self, username: str) -> str | None:
        """SECRET_HASH for `username`, if the client has a secret."""
        if not self.client_secret:
            return None
        return secret_hash(self.client_secret, username, self.client_id)


@pytest.fixture(scope="session")
def cognito_stub(pytestconfig: pytest.Config) -> Iterator[StubServer | StubClient]:
    url = pytestconfig.getoption("cognito_stub_url")
    if url:
        client = StubClient(url)
        client.info()  # fail here, clearly, if nothing answers there
        yield client
        return
    issuer = pytestconfig.getoption("cognito_stub_issuer")
    with StubServer(port=0, echo=False, issuer=issuer) as server:
        yield server


@pytest.fixture
def cognito_pool(
    request: pytest.FixtureRequest, cognito_stub: StubServer | StubClient
) -> Iterator[CognitoPool]:
    marker = request.node.get_closest_marker("cognito_pool")
    made = cognito_stub.create_pool(**(marker.kwargs if marker else {}))
    yield CognitoPool(
        made["user_pool_id"],
        made["client_id"],
        made["client_secret"],
        made["region"],
        made["endpoint"] or cognito_stub.url,
        made["issuer"],
        cognito_stub,
    )
    cognito_stub.delete_pool(made["user_pool_id"])
