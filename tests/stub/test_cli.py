"""`python -m cognito_stub` in a subprocess: banner, answers, clean exit on signals."""

from __future__ import annotations

import signal

import pytest

from cognito_stub import APP_CLIENT_ID, DEMO_EMAIL, DEMO_PASSWORD, USER_POOL_ID, StubClient

from .helpers import free_port, make_client, sign_in
from .helpers import start_cli_stub as _start


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_cli_starts_answers_and_stops_cleanly(sig):
    port = free_port()
    process, banner = _start(port, "--lockout-seconds", "5", "--client-secret", "s3cr3t")
    try:
        assert f"http://127.0.0.1:{port}" in banner
        for expected in (USER_POOL_ID, APP_CLIENT_ID, DEMO_EMAIL, DEMO_PASSWORD, "s3cr3t"):
            assert expected in banner
        url = f"http://127.0.0.1:{port}"
        assert "AuthenticationResult" in sign_in(make_client(url), DEMO_EMAIL, DEMO_PASSWORD)
        assert StubClient(url).calls() == {"InitiateAuth": 1}
    finally:
        process.send_signal(sig)
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0
    assert "Traceback" not in err
    assert "stopped" in out


@pytest.mark.parametrize(("flag", "mode"), [((), "OFF"), (("--mfa", "optional"), "OPTIONAL")])
def test_cli_mfa_flag_sets_the_pools_mfa(flag, mode):
    port = free_port()
    process, banner = _start(port, *flag)
    try:
        assert f"MFA            {mode}" in banner
        admin = make_client(f"http://127.0.0.1:{port}", signed=True)
        config = admin.get_user_pool_mfa_config(UserPoolId=USER_POOL_ID)
        assert config["MfaConfiguration"] == mode
        if mode == "OPTIONAL":
            assert config["SoftwareTokenMfaConfiguration"] == {"Enabled": True}
            assert "SmsMfaConfiguration" in config and "EmailMfaConfiguration" in config
        pool = admin.describe_user_pool(UserPoolId=USER_POOL_ID)["UserPool"]
        assert pool["MfaConfiguration"] == mode
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=10)
    assert process.returncode == 0
