"""Steps a QA suite reuses: what a person does, found as a person finds it.

Import them in your own tests: `from tests.e2e.helpers import sign_up, read_code, confirm, ...`.
The stub they talk to is the one the fixtures started (or `E2E_STUB_URL`).
"""

from __future__ import annotations

import os
import re
import uuid
from urllib.parse import urlsplit

from playwright.sync_api import Locator, Page, Response, expect

from cognito_stub import StubClient

# Every attempt the app's boto3 client makes (max_attempts=3 retries + the first call); a fault
# injected this many times reaches the person instead of being retried away.
APP_ATTEMPTS = 4

_stub: StubClient | None = None


def use_stub(url: str) -> StubClient:
    """Point the helpers at a stub (the fixtures do this for you)."""
    global _stub
    _stub = StubClient(url)
    return _stub


def stub() -> StubClient:
    if _stub is None:
        return use_stub(os.environ["E2E_STUB_URL"])
    return _stub


def unique_email(label: str = "qa") -> str:
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
    page.get_by_label("Verification code", exact=True).fill(code)
    page.get_by_role("button", name="Confirm").click()


def sign_in(page: Page, email: str, password: str = STRONG_PASSWORD) -> None:
    if "/auth/sign-in/" not in page.url:
        page.goto("/auth/sign-in/")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out", exact=True).click()


def create_confirmed_user(page: Page, email: str, password: str = STRONG_PASSWORD) -> None:
    """Sign up and confirm through the UI, ending on the sign-in step."""
    sign_up(page, email, password)
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    confirm(page, read_code(email))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


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


def heading(page: Page, name: str):
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
    import time

    import pyotp

    return pyotp.TOTP(secret.replace(" ", "")).at(time.time() + 30 * later)


def setup_key(page: Page) -> str:
    """The authenticator app's key as the page shows it, for `totp_code`."""
    return page.get_by_label("Setup key", exact=True).input_value()
