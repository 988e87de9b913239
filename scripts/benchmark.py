"""How long each step takes, server side, against the local stub: `make bench`.

Drives the real views through Django's test client (htmx requests, CSRF off as in the client's
default) and the real boto3 client over HTTP to an in-process stub. Prints the median and 95th
percentile per step over N journeys, and the size of what a browser downloads. A measurement,
not a test: nothing here passes or fails on time.
"""

import os
import statistics
import sys
import time
import uuid
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

import cognito_stub  # noqa: E402
from auth_ui.cognito import client as cognito_client_module  # noqa: E402

JOURNEYS = int(os.environ.get("BENCH_JOURNEYS", "30"))
PASSWORD = "Str0ng-Passw0rd!"  # noqa: S105 (a throwaway user on the stub)
HTMX = {"HTTP_HX_REQUEST": "true"}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    from django.test.utils import get_runner

    setup_test_environment()
    runner = get_runner(settings)()
    old_config = runner.setup_databases()
    stub = cognito_stub.StubServer(port=0, echo=False).start()
    settings.COGNITO_REGION = cognito_stub.REGION
    settings.COGNITO_USER_POOL_ID = cognito_stub.USER_POOL_ID
    settings.COGNITO_APP_CLIENT_ID = cognito_stub.APP_CLIENT_ID
    settings.COGNITO_ENDPOINT_URL = stub.url
    settings.AUTH_RATE_LIMITS = {}  # every journey comes from one address, on purpose
    cognito_client_module.cognito_client.cache_clear()
    timings: dict[str, list[float]] = {}

    def timed(client: Client, step: str, url: str, data=None, expected: int = 200):
        send = client.get if data is None else client.post
        started = time.perf_counter()
        response = send(url, data, **HTMX) if data is not None else send(url)
        timings.setdefault(step, []).append((time.perf_counter() - started) * 1000)
        if response.status_code != expected:
            raise RuntimeError(f"{step}: expected {expected}, got {response.status_code}")

    try:
        for journey in range(JOURNEYS + 1):
            if journey == 1:
                timings.clear()  # the first journey warms caches (client, policy, JWKS)
            client = Client()
            email = f"bench-{uuid.uuid4().hex[:10]}@example.com"
            sign_up = {"email": email, "password": PASSWORD, "password_confirm": PASSWORD}
            timed(client, "GET sign-up page", "/auth/sign-up/")
            timed(client, "POST sign-up", "/auth/sign-up/", sign_up)
            code = {"email": email, "code": stub.latest_code(email)}
            timed(client, "POST confirm", "/auth/confirm/", code)
            wrong = {"email": email, "password": "Wrong-" + PASSWORD}
            timed(client, "POST sign-in (wrong)", "/auth/sign-in/", wrong, expected=422)
            timed(client, "POST sign-in", "/auth/sign-in/", {"email": email, "password": PASSWORD})
            timed(client, "GET account", "/account/")
            timed(client, "POST sign-out", "/auth/sign-out/", {}, expected=200)
    finally:
        stub.stop()
        runner.teardown_databases(old_config)

    print(f"{JOURNEYS} journeys against the local stub (server-side time per request, ms)")
    print(f"{'step':<24}{'median':>10}{'p95':>10}")
    for step, values in timings.items():
        print(f"{step:<24}{statistics.median(values):>10.1f}{percentile(values, 0.95):>10.1f}")
    static = ROOT / "static"
    htmx = Path(django.__file__).parent.parent / "django_htmx/static/django_htmx/htmx-2.min.js"
    for name, path in [
        ("app.css", static / "css" / "app.css"),
        ("app.js", static / "js" / "app.js"),
        ("htmx-2.min.js", htmx),
    ]:
        print(f"{name:<24}{path.stat().st_size / 1024:>10.1f} KiB (uncompressed)")


if __name__ == "__main__":
    main()
