"""`make serve`: the site on the production settings under gunicorn.

Runs `collectstatic` and `migrate`, then gunicorn with core/gunicorn.conf.py. Cognito is the one
the environment (or .env) names; when none is named, the local stub is started next to the site,
with a loud warning: that is a trial of the production server, not a production site.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import environ
from run_dev import wait_for

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))
WARNING = """
  ************************************************************************************
  *  WARNING: no COGNITO_USER_POOL_ID is set, so this production server signs people  *
  *  in against the LOCAL COGNITO STUB on port {port:<5}. Nothing here is a real account. *
  *  Set COGNITO_REGION, COGNITO_USER_POOL_ID and COGNITO_APP_CLIENT_ID to use AWS.    *
  ************************************************************************************
"""


def stub_settings(env: dict[str, str], stub_port: str) -> dict[str, str]:
    import cognito_stub

    return {
        "COGNITO_REGION": cognito_stub.REGION,
        "COGNITO_USER_POOL_ID": cognito_stub.USER_POOL_ID,
        "COGNITO_APP_CLIENT_ID": cognito_stub.APP_CLIENT_ID,
        "COGNITO_ENDPOINT_URL": f"http://127.0.0.1:{stub_port}",
        # Admin calls (DescribeUserPool) are signed; the stub accepts any credentials.
        "AWS_ACCESS_KEY_ID": env.get("AWS_ACCESS_KEY_ID", "local-stub"),
        "AWS_SECRET_ACCESS_KEY": env.get("AWS_SECRET_ACCESS_KEY", "local-stub"),
        "ALLOWED_HOSTS": env.get("ALLOWED_HOSTS", "localhost,127.0.0.1"),
        # A throwaway key when none is set: sessions end when this server stops.
        "SECRET_KEY": env.get("SECRET_KEY") or secrets.token_urlsafe(50),
    }


def run(command: list[str], env: dict[str, str]) -> None:
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def main() -> int:
    environ.Env.read_env(os.environ.get("DJANGO_ENV_FILE", str(ROOT / ".env")), overwrite=False)
    env = {**os.environ, "DEBUG": "false"}
    port, stub_port = env.get("PORT", "8000"), env.get("STUB_PORT", "9229")
    children: list[subprocess.Popen] = []
    try:
        if not env.get("COGNITO_USER_POOL_ID"):
            print(WARNING.format(port=stub_port), file=sys.stderr)
            env.update(stub_settings(env, stub_port))
            stub = [PYTHON, "-m", "cognito_stub", "--port", stub_port, "--mfa", "optional"]
            children.append(subprocess.Popen(stub, cwd=ROOT, env=env))
            if not wait_for(f"http://127.0.0.1:{stub_port}/_stub/outbox"):
                print(f"The Cognito stub did not start on port {stub_port}.", file=sys.stderr)
                return 1
        run([PYTHON, "manage.py", "check", "--deploy", "--fail-level", "ERROR"], env)
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], env)
        run([PYTHON, "manage.py", "migrate", "--noinput", "--verbosity", "0"], env)
        server = [PYTHON, "-m", "gunicorn", "-c", "core/gunicorn.conf.py", "core.wsgi"]
        children.append(subprocess.Popen(server, cwd=ROOT, env=env))
        if wait_for(f"http://127.0.0.1:{port}/healthz"):
            print(f"\n  Open http://localhost:{port}/auth/sign-in/ (Ctrl-C stops everything)\n")
        return children[-1].wait()
    except KeyboardInterrupt:
        return 0
    except subprocess.CalledProcessError as failed:
        return failed.returncode
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
                child.wait(timeout=25)


if __name__ == "__main__":
    sys.exit(main())
