"""The Cognito stub from a browser page on another origin (CORS): a small static page of ours
(tests/e2e/stub_cors/: fetch with Cognito's JSON protocol, SRP with BigInt and WebCrypto)
signs up, confirms with the code from the outbox and signs in with USER_SRP_AUTH."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

import cognito_stub

from .helpers import STRONG_PASSWORD

PAGE_FILES = Path(__file__).with_name("stub_cors")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def page_origin():
    """The page's own server: `localhost` on a free port (the stub is 127.0.0.1 elsewhere)."""
    handler = functools.partial(_QuietHandler, directory=str(PAGE_FILES))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _open(page: Page, page_origin: str, stub_url: str):
    """The page, told the stub's endpoint, pool and client; its status line."""
    pool, client = cognito_stub.USER_POOL_ID, cognito_stub.APP_CLIENT_ID
    query = urlencode({"endpoint": stub_url, "pool": pool, "client": client})
    page.goto(f"{page_origin}/index.html?{query}")
    status = page.locator("#status")
    expect(status).to_have_text("Ready")
    return status


def test_sign_up_confirm_and_srp_sign_in_from_another_origin(
    page: Page, page_origin: str, stub_url: str, stub, email: str
):
    status = _open(page, page_origin, stub_url)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(STRONG_PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(status).to_have_text("Signed up: check the code")
    page.get_by_label("Code").fill(stub.latest_code(email, "sign_up"))
    page.get_by_role("button", name="Confirm").click()
    expect(status).to_have_text("Confirmed")
    page.get_by_role("button", name="Sign in").click()
    expect(status).to_contain_text(f"Signed in with SRP as {email}")
    calls = stub.calls()
    assert calls["InitiateAuth"] == 1 and calls["RespondToAuthChallenge"] == 1


def test_an_unknown_user_is_refused_as_cognito_refuses_a_wrong_password(
    page: Page, page_origin: str, stub_url: str, email: str
):
    status = _open(page, page_origin, stub_url)
    page.get_by_label("Email").fill(email)  # nobody: SRP's stand-in challenge, then refused
    page.get_by_label("Password").fill(STRONG_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(status).to_have_text("Error NotAuthorizedException: Incorrect username or password.")
