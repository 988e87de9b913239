"""`make run`'s pieces: the settings agree with the stub, and one Ctrl-C stops everything."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import cognito_stub
from core import settings as project_settings

ROOT = Path(__file__).resolve().parents[2]


def test_settings_use_the_stubs_fixed_ids():
    assert project_settings.STUB_COGNITO == {
        "COGNITO_REGION": cognito_stub.REGION,
        "COGNITO_USER_POOL_ID": cognito_stub.USER_POOL_ID,
        "COGNITO_APP_CLIENT_ID": cognito_stub.APP_CLIENT_ID,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 (loopback)
            return response.status == 200
    except OSError:
        return False


def wait_until(check, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_run_starts_stub_and_site_and_ctrl_c_stops_both(tmp_path):
    port, stub_port = free_port(), free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "STUB_PORT": str(stub_port),
        "DJANGO_SETTINGS_MODULE": "core.settings",
        "DEBUG": "true",
        "COGNITO_USER_POOL_ID": "",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    log = tmp_path / "run.log"
    with log.open("w") as out:
        run = subprocess.Popen(
            [sys.executable, "scripts/run_dev.py"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
    site, stub = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{stub_port}"
    try:
        assert wait_until(lambda: "Ctrl-C stops everything" in log.read_text()), log.read_text()
        assert answers(f"{site}/auth/sign-in/")
        assert answers(f"{stub}/_stub/health")
        assert answers(f"{site}/dev/mailbox/")
        os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        run.wait(timeout=20)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
    output = log.read_text()
    assert run.returncode == 0, output
    assert "demo@example.com" in output
    assert "/dev/mailbox/" in output
    assert not answers(f"{site}/auth/sign-in/")
    assert not answers(f"{stub}/_stub/health")
