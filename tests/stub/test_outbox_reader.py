"""auth_ui.stub_outbox.read: the dev mailbox page reads the stub's outbox with StubClient."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from auth_ui import stub_outbox

from .helpers import free_port, sign_up

ROOT = Path(__file__).resolve().parents[2]


def test_reads_the_outbox_of_a_local_stub(stub, cognito):
    sign_up(cognito, "mail@example.org")
    for endpoint in (stub.url, stub.url + "/"):
        box = stub_outbox.read(endpoint)
        assert box.reachable is True
        assert box.messages == stub.outbox()
        assert [m["to"] for m in box.messages] == ["mail@example.org"]


@pytest.mark.parametrize(
    "host",
    [
        "0.0.0.0",  # noqa: S104 - reaches the stub (Linux connects it to this host), not loopback
        "localhost.evil.example",
        "127.0.0.1.evil.example",
    ],
)
def test_only_loopback_endpoints_are_read(stub, cognito, caplog, host):
    sign_up(cognito, "mail@example.org")
    with caplog.at_level(logging.WARNING, logger="auth_ui.stub_outbox"):
        box = stub_outbox.read(stub.url.replace("127.0.0.1", host))
    assert box == stub_outbox.Outbox(messages=[], reachable=False)
    # Refused before any attempt to connect: nothing to warn about.
    assert [r for r in caplog.records if r.name == "auth_ui.stub_outbox"] == []


@pytest.mark.parametrize("trouble", ["nothing listening", "error status"])
def test_an_unreadable_stub_is_unreachable_and_logged(stub, caplog, trouble):
    endpoint = (
        f"http://127.0.0.1:{free_port()}" if trouble == "nothing listening" else stub.url + "/x"
    )
    with caplog.at_level(logging.WARNING, logger="auth_ui.stub_outbox"):
        box = stub_outbox.read(endpoint)
    assert box == stub_outbox.Outbox(messages=[], reachable=False)
    [record] = caplog.records
    assert record.getMessage().startswith(
        f"Could not read the stub outbox at {endpoint}/_stub/outbox: "
    )


def test_importing_the_stub_package_does_not_import_moto():
    """The app imports cognito_stub (for StubClient); moto is a development dependency."""
    check = "import sys, cognito_stub; sys.exit('moto' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", check], cwd=ROOT, check=False)  # noqa: S603
    assert result.returncode == 0
