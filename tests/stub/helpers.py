"""Small helpers shared by the stub contract tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import boto3
import botocore
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from cognito_stub import APP_CLIENT_ID, REGION, USER_POOL_ID

STRONG_PASSWORD = "Str0ng-Passw0rd!"
NEW_PASSWORD = "N3w-Passw0rd!!"
TEMPORARY_PASSWORD = "Temp-Passw0rd!"


def make_client(url: str, *, signed: bool = False, attempts: int = 1, mode: str = "standard"):
    """A cognito-idp client; `attempts` is the TOTAL number of tries (botocore's
    `max_attempts` counts retries, so max_attempts=1 would mean two tries)."""
    config = Config(retries={"total_max_attempts": attempts, "mode": mode})
    if not signed:
        config = config.merge(Config(signature_version=botocore.UNSIGNED))
    return boto3.client(
        "cognito-idp",
        region_name=REGION,
        endpoint_url=url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=config,
    )


def error_of(call, *args, **kwargs) -> dict:
    """Run a boto3 call that must fail; return botocore's parsed error plus the status."""
    with pytest.raises(ClientError) as info:
        call(*args, **kwargs)
    response = info.value.response
    return {**response["Error"], "Status": response["ResponseMetadata"]["HTTPStatusCode"]}


def sign_up(cognito, email: str, password: str = STRONG_PASSWORD) -> dict:
    return cognito.sign_up(ClientId=APP_CLIENT_ID, Username=email, Password=password)


def sign_in(cognito, email: str, password: str = STRONG_PASSWORD) -> dict:
    return cognito.initiate_auth(
        ClientId=APP_CLIENT_ID,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": email, "PASSWORD": password},
    )


def signed_in(cognito, email: str, password: str = STRONG_PASSWORD) -> dict:
    """The AuthenticationResult (AccessToken, IdToken, RefreshToken) of a password sign-in."""
    return sign_in(cognito, email, password)["AuthenticationResult"]


def attributes_of(cognito, access_token: str) -> dict[str, str]:
    """GetUser's UserAttributes as {name: value}."""
    answer = cognito.get_user(AccessToken=access_token)
    return {a["Name"]: a["Value"] for a in answer["UserAttributes"]}


def confirm(cognito, email: str, code: str) -> dict:
    return cognito.confirm_sign_up(ClientId=APP_CLIENT_ID, Username=email, ConfirmationCode=code)


def confirmed_user(stub, cognito, email: str, password: str = STRONG_PASSWORD) -> None:
    sign_up(cognito, email, password)
    confirm(cognito, email, stub.latest_code(email))


def invite(admin, email: str, pool_id: str = USER_POOL_ID, **attributes: str) -> None:
    """AdminCreateUser with TEMPORARY_PASSWORD and no message (the user must choose a new
    password at sign-in); `attributes` as UserAttributes, e.g. email_verified="true"."""
    admin.admin_create_user(
        UserPoolId=pool_id,
        Username=email,
        TemporaryPassword=TEMPORARY_PASSWORD,
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": name, "Value": value} for name, value in attributes.items()],
    )


def choose_new_password(cognito, challenge: dict, email: str, password: str = NEW_PASSWORD):
    """Answer a NEW_PASSWORD_REQUIRED challenge."""
    return cognito.respond_to_auth_challenge(
        ClientId=APP_CLIENT_ID,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=challenge["Session"],
        ChallengeResponses={"USERNAME": email, "NEW_PASSWORD": password},
    )


def refresh(cognito, token: str, client_id: str = APP_CLIENT_ID, **extra) -> dict:
    return cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": token, **extra},
    )


def free_port() -> int:
    """A loopback port nothing listens on (at the moment of asking)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


ROOT = Path(__file__).resolve().parents[2]


def start_cli_stub(port: int, *extra: str) -> tuple[subprocess.Popen, str]:
    """`python -m cognito_stub --port PORT *extra` in a subprocess; (process, banner) once it
    has printed its whole banner. Stop it with SIGTERM."""
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "cognito_stub", "--port", str(port), *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: list[str] = []
    ready = threading.Event()

    def read_banner() -> None:
        for line in process.stdout:
            lines.append(line)
            if "control API" in line:
                break
        ready.set()  # the whole banner, or end of output

    threading.Thread(target=read_banner, daemon=True).start()
    # The timeout only keeps a stub that never starts from hanging the run.
    if not ready.wait(timeout=30) or "control API" not in "".join(lines):
        process.kill()
        pytest.fail(f"stub did not start: {''.join(lines)}{process.stderr.read()}")
    return process, "".join(lines)
