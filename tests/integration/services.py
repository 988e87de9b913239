"""Real servers for the multi-instance tests, each on a free loopback port with its data in a
temporary directory: redis-server, PostgreSQL (initdb + postgres) and the site under gunicorn."""

import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, seconds: float = 30, what: str = "a server") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start within {seconds} s")


def accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def stop(process: subprocess.Popen | None, sig: int = signal.SIGTERM) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Redis:
    def __init__(self, directory: Path) -> None:
        self.directory, self.port = directory, free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> "Redis":
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.directory)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
        wait_until(lambda: accepts(self.port), what="redis-server")
        return self

    def stop(self) -> None:
        stop(self.process)


def postgres_bin(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))), ""
    )
    if not found:
        raise RuntimeError(f"{name} not found: install Debian's postgresql package")
    return found


class Postgres:
    """A throwaway cluster. PostgreSQL refuses to run as root, so as root it runs as `postgres`."""

    def __init__(self) -> None:
        # Not under pytest's root-only temporary directory: the `postgres` user must enter it.
        self.directory, self.port = Path(tempfile.mkdtemp(prefix="it-postgres-")), free_port()
        self.url = f"postgres://app@127.0.0.1:{self.port}/app"
        self.process: subprocess.Popen | None = None
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def start(self) -> "Postgres":
        data = self.directory / "data"
        if self.as_user:
            shutil.chown(self.directory, "postgres")
        initdb = [postgres_bin("initdb"), "-D", str(data), "-U", "app", "--auth=trust"]
        subprocess.run(self.as_user + initdb + ["-E", "UTF8"], check=True, capture_output=True)  # noqa: S603
        server = [postgres_bin("postgres"), "-D", str(data), "-p", str(self.port)]
        server += ["-k", str(self.directory), "-c", "listen_addresses=127.0.0.1"]
        server += ["-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=200"]
        self.process = subprocess.Popen(self.as_user + server, stderr=subprocess.DEVNULL)  # noqa: S603
        wait_until(lambda: accepts(self.port), what="PostgreSQL")
        createdb = [postgres_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "app"]
        wait_until(lambda: subprocess.run([*createdb, "app"], capture_output=True).returncode == 0)  # noqa: S603
        return self

    def stop(self) -> None:
        stop(self.process, signal.SIGINT)  # "fast" shutdown
        shutil.rmtree(self.directory, ignore_errors=True)


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
            return response.status == 200
    except OSError:
        return False


class App:
    """One instance of the site: gunicorn on the production settings, its own port."""

    def __init__(self, name: str, env: dict[str, str], log: Path) -> None:
        self.name, self.env, self.log = name, env, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> "App":
        env = {**self.env, "BIND": f"127.0.0.1:{self.port}"}
        server = [sys.executable, "-m", "gunicorn", "-c", "core/gunicorn.conf.py", "core.wsgi"]
        with self.log.open("a") as log:
            self.process = subprocess.Popen(  # noqa: S603
                server, cwd=ROOT, env=env, stderr=log, stdout=log, start_new_session=True
            )
        wait_until(lambda: answers(f"{self.url}/healthz"), what=f"app {self.name}")
        return self

    def kill(self) -> None:
        """The instance dies at once, master and workers, as when its machine goes away."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603
