"""`make run`: the Cognito stub (unless real Cognito is configured) and Django's dev server.

Both run as children of this process; Ctrl-C or SIGTERM stops both, and neither outlives it.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def real_cognito_configured() -> bool:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")
    import django
    from django.conf import settings

    django.setup()
    return not settings.COGNITO_USING_STUB


def wait_for(url: str, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return True
        except OSError:
            time.sleep(0.2)
    return False


def main() -> int:
    use_stub = not real_cognito_configured()  # reads .env into the environment too
    port = os.environ.get("PORT", "8000")
    stub_port = os.environ.get("STUB_PORT", "9229")
    env = {**os.environ, "DEBUG": os.environ.get("DEBUG", "true")}
    children: list[subprocess.Popen] = []

    def stop(*_args) -> None:
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=5)
            except subprocess.TimeoutExpired:
                child.kill()

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        if not use_stub:
            print("Using the Amazon Cognito pool configured in .env; no stub started.")
        else:
            # Admin calls (DescribeUserPool) are signed; the stub accepts any credentials.
            env.setdefault("AWS_ACCESS_KEY_ID", "local-stub")
            env.setdefault("AWS_SECRET_ACCESS_KEY", "local-stub")
            children.append(
                subprocess.Popen(
                    # MFA optional, with every method, so a newcomer can try each one.
                    [PYTHON, "-m", "cognito_stub", "--port", stub_port, "--mfa", "optional"],
                    cwd=ROOT,
                    env=env,
                )
            )
            if not wait_for(f"http://127.0.0.1:{stub_port}/_stub/outbox"):
                print(f"The Cognito stub did not start on port {stub_port}.", file=sys.stderr)
                return 1
        children.append(
            subprocess.Popen(
                [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}"], cwd=ROOT, env=env
            )
        )
        if wait_for(f"http://127.0.0.1:{port}/auth/sign-in/"):
            # localhost, not 127.0.0.1: passkeys need a domain (the stub's relying party is
            # "localhost"), and browsers treat http://localhost as a secure context.
            print(f"\n  Open http://localhost:{port}/auth/sign-up/ (Ctrl-C stops everything)")
            if len(children) == 2:
                print(f"  Codes arrive in the dev mailbox: http://localhost:{port}/dev/mailbox/\n")
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        return next(child.returncode for child in children if child.poll() is not None) or 0
    except KeyboardInterrupt:
        return 0
    finally:
        stop()


if __name__ == "__main__":
    sys.exit(main())
