"""The pytest plugin shipped with the stub, in a pytest run of its own (as a QA team's suite
that knows nothing of this site would load it): `-p cognito_stub.pytest_plugin`, with a stub
it starts or one given by URL."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import pytest

from .helpers import ROOT

SUITE = """
import pytest

EMAIL = "qa@example.org"
PASSWORD = "Str0ng-Passw0rd!"


def test_a_fresh_pool_signs_up_and_in(cognito_pool):
    cognito = cognito_pool.client
    assert cognito.list_users(UserPoolId=cognito_pool.user_pool_id)["Users"] == []
    cognito.sign_up(ClientId=cognito_pool.client_id, Username=EMAIL, Password=PASSWORD)
    code = cognito_pool.latest_code(EMAIL, "sign_up")
    cognito.confirm_sign_up(ClientId=cognito_pool.client_id, Username=EMAIL, ConfirmationCode=code)
    answer = cognito.initiate_auth(
        ClientId=cognito_pool.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": EMAIL, "PASSWORD": PASSWORD},
    )
    assert "IdToken" in answer["AuthenticationResult"]
    assert cognito_pool.issuer.endswith("/" + cognito_pool.user_pool_id)


def test_each_test_has_its_own_pool(cognito_pool):
    assert cognito_pool.client.list_users(UserPoolId=cognito_pool.user_pool_id)["Users"] == []


@pytest.mark.cognito_pool(client_secret=True, mfa="on")
def test_marker_options(cognito_pool, cognito_stub):
    assert cognito_pool.client_secret and cognito_pool.secret_hash(EMAIL)
    config = cognito_pool.client.get_user_pool_mfa_config(UserPoolId=cognito_pool.user_pool_id)
    assert config["MfaConfiguration"] == "ON"
    assert cognito_pool.endpoint == cognito_stub.url
"""


def _run_suite(tmp_path, *options: str) -> subprocess.CompletedProcess:
    (tmp_path / "test_qa.py").write_text(SUITE)
    return subprocess.run(  # noqa: S603 - our own interpreter, pytest and a file we wrote
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *options],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("shared", [False, True], ids=["own-stub", "stub-by-url"])
def test_the_plugin_gives_a_stub_and_a_pool_per_test(tmp_path, stub, shared):
    options = ["-p", "cognito_stub.pytest_plugin"]
    if shared:
        options += ["--cognito-stub-url", stub.url]
    run = _run_suite(tmp_path, *options)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 passed" in run.stdout
    if shared:  # the pools were made in this stub, and deleted after each test
        assert [p["user_pool_id"] for p in stub.pools()] == [stub.info()["user_pool_id"]]


def test_the_entry_point_names_the_same_plugin():
    with open(ROOT / "pyproject.toml", "rb") as file:
        project = tomllib.load(file)["project"]
    entry_points = project["entry-points"]["pytest11"]
    assert entry_points == {"cognito_stub.pytest_plugin": "cognito_stub.pytest_plugin"}
