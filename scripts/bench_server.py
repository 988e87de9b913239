"""`make bench`, the production server part: gunicorn on the production settings (whitenoise,
hashed compressed static files) against the stub, then wrk's requests/s for the sign-in page
and a bare view, and the bytes a browser downloads for each page, gzip and brotli."""

import gzip
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.integration.services import App, manage  # noqa: E402

PAGES = ["/auth/sign-in/", "/auth/sign-up/", "/auth/password/forgot/", "/auth/confirm/"]
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')
IMAGES = (".svg", ".png", ".ico", ".webp", ".jpg")
WORKERS = "2"
ROUNDS = 5


@contextmanager
def production_server(stub_url: str):
    import cognito_stub

    directory = Path(tempfile.mkdtemp(prefix="bench-"))
    env = {
        "PATH": "/usr/bin:/bin:/usr/local/bin",
        "HOME": str(directory),
        "DJANGO_SETTINGS_MODULE": "scripts.bench_settings",
        "DJANGO_ENV_FILE": "/nonexistent/.env",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
        "COGNITO_REGION": cognito_stub.REGION,
        "COGNITO_USER_POOL_ID": cognito_stub.USER_POOL_ID,
        "COGNITO_APP_CLIENT_ID": cognito_stub.APP_CLIENT_ID,
        "COGNITO_ENDPOINT_URL": stub_url,
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "WEB_CONCURRENCY": WORKERS,
        "LOG_LEVEL": "WARNING",  # a line per request would time the log, not the page
    }
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    app = App("bench", env, directory / "gunicorn.log").start()
    try:
        yield app.url
    finally:
        app.kill()
        shutil.rmtree(directory, ignore_errors=True)


def requests_per_second(url: str, seconds: int) -> float | None:
    if not shutil.which("wrk"):
        return None
    result = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", url],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    return float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)[1])


def fetch(url: str, encoding: str = "identity", headers: dict | None = None) -> tuple[bytes, dict]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:  # a 422 fragment is a page too
        return error.read(), dict(error.headers)


def compressed(body: bytes) -> dict[str, int]:
    """What a proxy compressing HTML would send (the app leaves HTML to the proxy)."""
    return {
        "identity": len(body),
        "gzip": len(gzip.compress(body, 6)),
        "br": len(brotli.compress(body, quality=5)),
    }


def page_bytes(base: str) -> dict[str, dict[str, int]]:
    """Per page, what a browser downloads on a first visit: the HTML, CSS and JS (the goal's
    measure), and apart from them the images (the logo)."""
    sizes = {}
    for page in PAGES:
        html, _ = fetch(base + page)
        total = compressed(html)
        images = dict.fromkeys(total, 0)
        for asset in sorted(set(ASSET.findall(html.decode()))):
            counted = images if asset.endswith(IMAGES) else total
            for encoding in ("identity", "gzip", "br"):
                body, _ = fetch(base + asset, encoding)
                counted[encoding] += len(body)
        sizes[page] = {**total, "images": images}
    return sizes


def measure(stub_url: str, seconds: int, fragment: tuple[str, bytes]) -> dict:
    """The sign-in page's requests/s against the bare view's, in ROUNDS back-to-back pairs of
    short runs: a machine whose speed drifts (other load, a shared host) moves both halves of
    a pair alike, so the median of the pairs' ratios is steadier than one long run of each."""
    with production_server(stub_url) as base:
        fetch(base + "/auth/sign-in/")  # warm each worker's templates
        each = max(1, seconds // ROUNDS)
        pairs = [
            (
                requests_per_second(base + "/auth/sign-in/", each),
                requests_per_second(base + "/bare/", each),
            )
            for _ in range(ROUNDS)
        ]
        ratios = sorted(page / bare for page, bare in pairs if page and bare)
        return {
            "workers": int(WORKERS),
            "rounds": [{"sign_in_rps": page, "bare_rps": bare} for page, bare in pairs],
            "sign_in_rps": statistics.median(page for page, _ in pairs) if ratios else None,
            "bare_rps": statistics.median(bare for _, bare in pairs) if ratios else None,
            "ratio": round(statistics.median(ratios), 3) if ratios else None,
            "ratio_range": [round(ratios[0], 3), round(ratios[-1], 3)] if ratios else None,
            "page_bytes": page_bytes(base),
            "fragment_bytes": {fragment[0]: compressed(fragment[1])},
        }
