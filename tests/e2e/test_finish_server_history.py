"""Issue 12, defects 9 and 10 in a browser: a step that comes back to itself (a code resent) adds
no history entry, and Back after confirming moves on instead of showing an empty code form."""

import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import confirm, heading, read_code, sign_up, submit


@pytest.fixture(autouse=True)
def no_resend_cooldown(settings):
    """Two resends in a row: the 30 s rest after each is tested elsewhere."""
    settings.AUTH_RESEND_COOLDOWN_SECONDS = 0


def history_length(page: Page) -> int:
    return page.evaluate("history.length")


def test_resending_twice_adds_no_history_entry(page: Page, email: str):
    page.goto("/auth/sign-up/")
    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/auth/confirm/$"))
    entries = history_length(page)
    submit(page, "Resend code")
    submit(page, "Resend code")
    expect(page.locator("#auth-card").get_by_text(f"If {email} is waiting")).to_be_visible()
    assert history_length(page) == entries
    page.go_back()  # one Back leaves the step, however many codes were sent
    expect(heading(page, "Create your account")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/auth/sign-up/$"))


def test_back_after_confirming_moves_on_to_sign_in(page: Page, email: str):
    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    confirm(page, read_code(email))
    expect(heading(page, "Sign in")).to_be_visible()
    page.go_back()
    expect(heading(page, "Sign in")).to_be_visible()
    expect(
        page.get_by_text("Your email is already confirmed. Sign in to continue.")
    ).to_be_visible()
    expect(page.get_by_label("Verification code")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/auth/sign-in/$"))


def test_back_after_confirming_without_javascript(nojs: Page, email: str):
    page = nojs
    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    confirm(page, read_code(email))
    expect(heading(page, "Sign in")).to_be_visible()
    page.go_back()
    expect(heading(page, "Sign in")).to_be_visible()
    expect(
        page.get_by_text("Your email is already confirmed. Sign in to continue.")
    ).to_be_visible()
    expect(page).to_have_url(re.compile(r"/auth/sign-in/$"))
