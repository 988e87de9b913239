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


class LocalRun:
    """`scripts/run_dev.py` (what `make run` starts) on free ports, in its own process group."""

    def __init__(self, tmp_path: Path, **env: str) -> None:
        self.port, self.stub_port = free_port(), free_port()
        self.site = f"http://127.0.0.1:{self.port}"
        self.stub = f"http://127.0.0.1:{self.stub_port}"
        self.env = {
            **os.environ,
            "PORT": str(self.port),
            "STUB_PORT": str(self.stub_port),
            "DJANGO_SETTINGS_MODULE": "core.settings",
            "DJANGO_ENV_FILE": str(tmp_path / "no.env"),
            "DEBUG": "true",
            "COGNITO_USER_POOL_ID": "",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            **env,
        }
        self.log = tmp_path / "run.log"

    def __enter__(self) -> "LocalRun":
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=self.env, check=True
        )
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "scripts/run_dev.py"],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def output(self) -> str:
        return self.log.read_text()

    def ctrl_c(self) -> int:
        os.killpg(self.process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        return self.process.wait(timeout=20)

    def __exit__(self, *_) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)


def test_run_starts_stub_and_site_and_ctrl_c_stops_both(tmp_path):
    with LocalRun(tmp_path) as run:
        assert wait_until(lambda: "Ctrl-C stops everything" in run.output()), run.output()
        assert answers(f"{run.site}/auth/sign-in/")
        assert answers(f"{run.stub}/_stub/health")
        assert answers(f"{run.site}/dev/mailbox/")
        assert run.ctrl_c() == 0, run.output()
    assert "demo@example.com" in run.output()
    assert "/dev/mailbox/" in run.output()
    assert not answers(f"{run.site}/auth/sign-in/")
    assert not answers(f"{run.stub}/_stub/health")


def test_with_a_real_pool_configured_no_stub_starts(tmp_path):
    real_pool = {
        "COGNITO_REGION": "eu-west-1",
        "COGNITO_USER_POOL_ID": "eu-west-1_AbCdEf123",
        "COGNITO_APP_CLIENT_ID": "realclientid",
    }
    with LocalRun(tmp_path, **real_pool) as run:
        assert wait_until(lambda: "Ctrl-C stops everything" in run.output()), run.output()
        assert "no stub started" in run.output()
        assert answers(f"{run.site}/auth/sign-in/")
        assert not answers(f"{run.stub}/_stub/health")
        assert run.ctrl_c() == 0, run.output()
    assert "/dev/mailbox/" not in run.output()
