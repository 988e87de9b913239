"""Steps a QA suite reuses: what a person does, found as a person finds it.

Import them in your own tests: `from tests.e2e.helpers import sign_up, read_code, confirm, ...`.
The stub they talk to is the one the fixtures started (or `E2E_STUB_URL`).
"""

from __future__ import annotations

import os
import re
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from playwright.sync_api import Locator, Page, Request, Response, expect

from cognito_stub import StubClient

# Every attempt the app's boto3 client makes (max_attempts=3 retries + the first call); a fault
# injected this many times reaches the person instead of being retried away.
APP_ATTEMPTS = 4

# Milliseconds. TIMEOUT is what every wait allows by default: Playwright's actions and
# navigations (`page.set_default_timeout`) and `expect(...)` alike; conftest.py sets both.
# Steps answer in well under a second, so reaching it means something is wrong.
TIMEOUT = 10_000
# A step whose Cognito call fails with throttling or a 5xx (or finds the stub down) answers only
# after boto3's retries and backoff, within the app's time budget (COGNITO_TIME_BUDGET, 8 s):
# pass this as `timeout=` to whatever waits for that answer.
RETRIED_TIMEOUT = 25_000

_stub: StubClient | None = None


def use_stub(url: str) -> StubClient:
    """Point the helpers at a stub (the fixtures do this for you)."""
    global _stub
    _stub = StubClient(url)
    return _stub


def stub() -> StubClient:
    """The same control client as the `stub` fixture, for code that has no fixtures."""
    if _stub is None:
        return use_stub(os.environ["E2E_STUB_URL"])
    return _stub


def unique_email(label: str = "qa") -> str:
    """A fresh address (`qa-<12 hex>@example.com`), so tests never share a user."""
    return f"{label}-{uuid.uuid4().hex[:12]}@example.com"


STRONG_PASSWORD = "Str0ng-Passw0rd!"


def sign_up(page: Page, email: str, password: str = STRONG_PASSWORD) -> None:
    """Fill and send the sign-up form (from wherever the page is)."""
    if not page.url.endswith("/auth/sign-up/"):
        page.goto("/auth/sign-up/")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Confirm password", exact=True).fill(password)
    page.get_by_role("button", name="Sign up").click()


def read_code(email: str, purpose: str | None = None) -> str:
    """The newest code the stub 'emailed' to this address."""
    code = stub().latest_code(email, purpose=purpose)
    assert code, f"no code in the stub's outbox for {email}"
    return code


def confirm(page: Page, code: str) -> None:
    """Fill "Verification code" and press Confirm."""
    page.get_by_label("Verification code", exact=True).fill(code)
    page.get_by_role("button", name="Confirm").click()


def sign_in(page: Page, email: str, password: str = STRONG_PASSWORD) -> None:
    """Fill and send the sign-in form (from wherever the page is)."""
    if "/auth/sign-in/" not in page.url:
        page.goto("/auth/sign-in/")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()


def sign_out(page: Page) -> None:
    """Press "Sign out" (on the account page)."""
    page.get_by_role("button", name="Sign out", exact=True).click()


def create_confirmed_user(page: Page, email: str, password: str = STRONG_PASSWORD) -> None:
    """Sign up and confirm through the UI, ending on the sign-in step."""
    sign_up(page, email, password)
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    confirm(page, read_code(email))
    expect(heading(page, "Sign in")).to_be_visible()


def inject_fault(
    operation: str, error: str | None = None, times: int = 1, delay_ms: int = 0
) -> None:
    """The next `times` calls of `operation` fail with `error` (and/or answer `delay_ms` late).

    The app retries throttling and 5xx errors like any boto3 client: use `times=APP_ATTEMPTS`
    for the person to see them.
    """
    stub().inject_fault(operation, error, times=times, delay_ms=delay_ms)


def calls(operation: str) -> int:
    """How many times the app called this Cognito operation since the test began."""
    return stub().calls().get(operation, 0)


def heading(page: Page, name: str) -> Locator:
    """The heading whose whole text is `name` ("Sign in" does not match "Sign in again")."""
    return page.get_by_role("heading", name=re.compile(rf"^{re.escape(name)}$"))


def wrong_code(code: str) -> str:
    """A six-digit code that is certainly not `code`."""
    return f"{(int(code) + 1) % 1_000_000:06d}"


# --- what the person sees ------------------------------------------------------------------
# Labels are matched with exact=True: "Email" would also match the card "Check your email".


def card(page: Page) -> Locator:
    """The swapped card (errors are also repeated in an sr-only live region outside it)."""
    return page.locator("#auth-card")


def submit(page: Page, button: str, timeout: float | None = None) -> None:
    """Click a button and wait until htmx has swapped a new card in."""
    page.evaluate("document.getElementById('auth-card').dataset.stale = '1'")
    page.get_by_role("button", name=button, exact=True).click()
    expect(page.locator("#auth-card[data-stale]")).to_have_count(0, timeout=timeout)
    expect(card(page)).to_have_count(1)


def expect_form_error(page: Page, message: str, timeout: float | None = None) -> None:
    """The message at the top of the form, in the alert region, with focus moved to it."""
    expect(page.get_by_role("alert")).to_have_text(message, timeout=timeout)
    expect(page.locator("#form-errors")).to_be_focused()
    expect(card(page).locator(".field-error")).to_have_count(0)


def expect_field_error(page: Page, field: Locator, message: str) -> None:
    """The message under `field`, tied to it for screen readers, with focus on the field."""
    expect(card(page).get_by_text(message, exact=True)).to_be_visible()
    expect(field).to_have_accessible_description(re.compile(rf"^{re.escape(message)}"))
    expect(field).to_be_focused()
    expect(page.locator("#form-errors")).to_have_count(0)


def _is_form_post(request: Request) -> bool:
    return request.method == "POST" and request.resource_type in ("document", "xhr", "fetch")


class PostAnswer:
    """What `expect_status` waited for: `.value` is the `Response`, once the block has ended."""

    value: Response


@contextmanager
def expect_status(page: Page, status: int, *, timeout: float | None = None) -> Iterator[PostAnswer]:
    """Around an action that sends a form: wait for the answer to its POST and assert `status`.

        with expect_status(page, 429, timeout=RETRIED_TIMEOUT):
            sign_in(page, email)

    The same with htmx (its request) and with JavaScript off (the form's own post): a refusal
    answers 422, 429 or 503; a success answers 200 to htmx and 302 to a plain post (the
    redirect's own status, not the page it leads to). The first POST sent inside the block
    counts (not a late answer to one sent before it). `timeout` (ms, default TIMEOUT) runs from
    the end of the block, so a `goto` inside it costs it nothing; use RETRIED_TIMEOUT for an
    answer that comes after the app's retries.
    """
    sent: list[Request] = []
    answered: list[Response] = []

    def on_request(request: Request) -> None:
        if _is_form_post(request):
            sent.append(request)

    def on_response(response: Response) -> None:
        if sent and response.request is sent[0]:
            answered.append(response)

    answer = PostAnswer()
    page.on("request", on_request)
    page.on("response", on_response)
    try:
        yield answer
        waited = TIMEOUT if timeout is None else timeout
        deadline = time.monotonic() + waited / 1000
        while not answered and time.monotonic() < deadline:
            page.wait_for_timeout(50)  # Playwright delivers events while it waits
    finally:
        page.remove_listener("request", on_request)
        page.remove_listener("response", on_response)
    assert sent, f"the block sent no form POST (waited {waited} ms)"
    path = urlsplit(sent[0].url).path
    assert answered, f"POST {path} was not answered within {waited} ms of the block's end"
    answer.value = response = answered[0]
    assert response.status == status, f"POST {path} answered {response.status}, expected {status}"


# --- no full page reload -----------------------------------------------------------------

COUNT_LOADS = "window.__loads = 0; window.addEventListener('load', () => window.__loads++)"


def mark_document(page: Page, value: str = "1") -> None:
    """Leave a marker on this document (and count load events): a swap keeps it, a load wipes it."""
    page.evaluate("value => { window.__marker = value }", value)
    page.evaluate(f"if (window.__loads === undefined) {{ {COUNT_LOADS} }}")


def assert_same_document(page: Page, value: str = "1") -> None:
    marker, loads = page.evaluate("[window.__marker, window.__loads]")
    assert marker == value, f"the page was reloaded (marker {marker!r}, expected {value!r})"
    assert loads == 0, f"{loads} load event(s) fired on what should be an in-place swap"


# --- with JavaScript off (the `nojs` fixture) ------------------------------------------------


def submit_without_js(page: Page, button: str) -> Response:
    """Click a submit button and return the response of the full page it navigates to."""
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=button, exact=True).click()
    response = navigation.value
    assert response is not None
    assert "hx-request" not in response.request.all_headers(), "htmx ran with JavaScript off"
    return response


def assert_redirected(response: Response, path: str) -> None:
    """A plain POST answered 302, then the browser loaded the next step as a full page."""
    first = response.request.redirected_from
    assert first is not None, (
        f"expected a 302 before {response.url}, got a direct {response.status}"
    )
    assert first.method == "POST"
    redirect = first.response()
    assert redirect is not None and redirect.status == 302
    assert response.status == 200
    assert urlsplit(response.url).path == path
    assert "<html" in response.text().lower(), "expected a full page, not a fragment"


def assert_error_page(response: Response, path: str) -> None:
    """A refused POST answers 422 with the whole page (not a fragment), at the same URL."""
    assert response.request.redirected_from is None
    assert response.request.method == "POST"
    assert response.status == 422
    assert urlsplit(response.url).path == path
    assert "<html" in response.text().lower(), "expected a full page, not a fragment"


# --- two-step verification -------------------------------------------------------------------


def totp_code(secret: str, *, later: int = 0) -> str:
    """The code an authenticator app shows for `secret` (as on the "Setup key" field, spaces
    and all) now, or `later` 30-second steps from now. Cognito (and the stub) take the code of
    the step before or after too, but never the same code twice in its step: a sign-in right
    after the app was set up uses `later=1`."""
    import pyotp

    return pyotp.TOTP(secret.replace(" ", "")).at(time.time() + 30 * later)


def setup_key(page: Page) -> str:
    """The authenticator app's key as the page shows it, for `totp_code`."""
    return page.get_by_label("Setup key", exact=True).input_value()
