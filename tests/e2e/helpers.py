"""Steps a QA suite reuses: what a person does, found as a person finds it.

Import them in your own tests: `from tests.e2e.helpers import sign_up, read_code, confirm, ...`.
The stub they talk to is the one the fixtures started (or `E2E_STUB_URL`).
"""

from __future__ import annotations

import os
import re
import uuid

from playwright.sync_api import Page, expect

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
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Confirm password").fill(password)
    page.get_by_role("button", name="Sign up").click()


def read_code(email: str, purpose: str | None = None) -> str:
    """The newest code the stub 'emailed' to this address."""
    code = stub().latest_code(email, purpose=purpose)
    assert code, f"no code in the stub's outbox for {email}"
    return code


def confirm(page: Page, code: str) -> None:
    page.get_by_label("Verification code").fill(code)
    page.get_by_role("button", name="Confirm").click()


def sign_in(page: Page, email: str, password: str = STRONG_PASSWORD) -> None:
    if "/auth/sign-in/" not in page.url:
        page.goto("/auth/sign-in/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


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
