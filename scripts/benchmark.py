"""How long each step takes, server side, against the local stub: `make bench`.

Drives the real views through Django's test client (htmx requests, CSRF off as in the client's
default) and the real boto3 client over HTTP to an in-process stub. Prints the median and 95th
percentile per step over N journeys; Cognito calls per sign-in and JWKS fetches per 1,000
sign-ins; then, under gunicorn on the production settings (scripts/bench_server.py), requests/s
for the sign-in page against a bare view and the bytes a browser downloads per page. Writes it
all to bench-results.json. A measurement, not a test: nothing here passes or fails on time.
"""

import json
import os
import platform
import statistics
import sys
import time
import uuid
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")  # a line per request would be timed too
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

import jwt  # noqa: E402
from bench_server import measure  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

import cognito_stub  # noqa: E402
from auth_ui.cognito import client as cognito_client_module  # noqa: E402
from auth_ui.cognito import tokens as tokens_module  # noqa: E402

JOURNEYS = int(os.environ.get("BENCH_JOURNEYS", "30"))
SIGN_INS = int(os.environ.get("BENCH_SIGN_INS", "1000"))
LOAD_SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
OUTPUT = Path(os.environ.get("BENCH_OUTPUT", ROOT / "bench-results.json"))
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
    fragments: dict[str, bytes] = {}

    def timed(client: Client, step: str, url: str, data=None, expected: int = 200):
        send = client.get if data is None else client.post
        started = time.perf_counter()
        response = send(url, data, **HTMX) if data is not None else send(url)
        timings.setdefault(step, []).append((time.perf_counter() - started) * 1000)
        if response.status_code != expected:
            raise RuntimeError(f"{step}: expected {expected}, got {response.status_code}")
        fragments[step] = response.content

    # One client (one handler: Django loads the middleware, whitenoise's file scan included,
    # once per handler, as a server process does), a fresh cookie jar per journey.
    client = Client()
    try:
        for journey in range(JOURNEYS + 1):
            if journey == 1:
                timings.clear()  # the first journey warms caches (client, policy, JWKS)
            client.cookies.clear()
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
        calls = sign_in_calls(stub)
        server = measure(
            stub.url, LOAD_SECONDS, ("POST sign-in (wrong)", fragments["POST sign-in (wrong)"])
        )
    finally:
        stub.stop()
        runner.teardown_databases(old_config)

    steps = {
        step: {"p50_ms": round(statistics.median(v), 2), "p95_ms": round(percentile(v, 0.95), 2)}
        for step, v in timings.items()
    }
    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "journeys": JOURNEYS,
        "steps": steps,
        **calls,
        "server": server,
    }
    OUTPUT.write_text(json.dumps(results, indent=2) + "\n")
    report(results)


def sign_in_calls(stub) -> dict:
    """Cognito calls and JWKS downloads over SIGN_INS sign-ins (and sign-outs) of one person."""
    fetches = 0
    fetch_data = jwt.PyJWKClient.fetch_data

    def counted(self):
        nonlocal fetches
        fetches += 1
        return fetch_data(self)

    jwt.PyJWKClient.fetch_data = counted
    # A fresh deployment: no key set in this process, none in the shared cache.
    tokens_module.jwks_client.cache_clear()
    cache.delete(tokens_module.jwks_client().cache_key)
    stub.clear_calls()
    client = Client()
    try:
        for _ in range(SIGN_INS):
            client.cookies.clear()
            data = {"email": cognito_stub.DEMO_EMAIL, "password": cognito_stub.DEMO_PASSWORD}
            if client.post("/auth/sign-in/", data, **HTMX).status_code != 200:
                raise RuntimeError("the demo user could not sign in")
            client.post("/auth/sign-out/", {}, **HTMX)
    finally:
        jwt.PyJWKClient.fetch_data = fetch_data
    made = stub.calls()
    sign_out_calls = made.pop("RevokeToken", 0)
    return {
        "sign_ins": SIGN_INS,
        "cognito_calls_per_sign_in": round(sum(made.values()) / SIGN_INS, 3),
        "cognito_calls_by_operation": made,
        "revoke_calls_per_sign_out": round(sign_out_calls / SIGN_INS, 3),
        "jwks_fetches_per_1000_sign_ins": round(fetches * 1000 / SIGN_INS, 2),
    }


def report(results: dict) -> None:
    print(f"{results['machine']}; {JOURNEYS} journeys against the local stub")
    print(f"{'step (server time, ms)':<28}{'p50':>8}{'p95':>8}")
    for step, values in results["steps"].items():
        print(f"{step:<28}{values['p50_ms']:>8.1f}{values['p95_ms']:>8.1f}")
    print(
        f"Cognito calls per sign-in: {results['cognito_calls_per_sign_in']} "
        f"{results['cognito_calls_by_operation']}; "
        f"JWKS fetches per 1,000 sign-ins: {results['jwks_fetches_per_1000_sign_ins']}"
    )
    server = results["server"]
    low, high = server["ratio_range"]
    print(
        f"gunicorn, {server['workers']} workers, production settings, wrk {LOAD_SECONDS} s each, "
        f"in {len(server['rounds'])} alternating rounds (medians):"
    )
    print(
        f"  GET /auth/sign-in/ {server['sign_in_rps']} req/s, bare view {server['bare_rps']} "
        f"req/s, ratio {server['ratio']} (rounds from {low} to {high})"
    )
    print(f"{'bytes on the wire (HTML + CSS + JS)':<36}{'raw':>9}{'gzip':>9}{'brotli':>9}  images")
    for page, sizes in {**server["page_bytes"], **server["fragment_bytes"]}.items():
        images = sizes.get("images", {}).get("br", "")
        print(f"{page:<36}{sizes['identity']:>9}{sizes['gzip']:>9}{sizes['br']:>9}  {images}")
    print(f"(written to {OUTPUT.name})")


if __name__ == "__main__":
    main()
