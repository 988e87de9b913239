"""Forgot password → code from the outbox → new password → sign in with it."""

import re

from playwright.sync_api import Page, expect

from .helpers import (
    STRONG_PASSWORD,
    calls,
    create_confirmed_user,
    heading,
    read_code,
    sign_in,
    stub,
)

NEW_PASSWORD = "N3w-Passw0rd!x"


def request_code(page: Page, email: str) -> None:
    page.goto("/auth/sign-in/")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(heading(page, "Reset your password")).to_be_visible()
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_role("button", name="Send code").click()
    expect(heading(page, "Check your email")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/auth/password/reset/$"))


def enter_code(page: Page, code: str) -> None:
    """The reset's first step; the new password comes on the next."""
    page.get_by_label("Verification code").fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(heading(page, "Set a new password")).to_be_visible()


def test_reset_password_then_sign_in_with_it(page: Page, email: str):
    create_confirmed_user(page, email)
    request_code(page, email)
    expect(
        page.locator("#auth-card").get_by_text(f"If an account exists for {email}")
    ).to_be_visible()
    expect(page.locator("#auth-card").get_by_text(f"Sent to {email}")).to_be_visible()

    enter_code(page, read_code(email, purpose="forgot_password"))
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set new password").click()
    expect(heading(page, "Sign in")).to_be_visible()
    expect(page.locator("#auth-card").get_by_text("Your password has been changed")).to_be_visible()

    # The old password is refused...
    sign_in(page, email, STRONG_PASSWORD)
    expect(page.get_by_role("alert")).to_contain_text("Incorrect email or password.")
    expect(heading(page, "Sign in")).to_be_visible()

    # ...and the new one opens the account.
    sign_in(page, email, NEW_PASSWORD)
    expect(page).to_have_url(re.compile(r"/account/$"))
    expect(heading(page, "Your account")).to_be_visible()
    expect(page.get_by_test_id("account-email")).to_have_text(email)


def test_unknown_email_gets_the_same_notice(page: Page, email: str):
    """Nobody can probe which emails have accounts: same notice, same next step, no code sent."""
    request_code(page, email)
    expect(page.get_by_role("status")).to_contain_text(
        f"If an account exists for {email}, we sent it a code."
    )
    expect(page.locator("#auth-card").get_by_text(f"Sent to {email}")).to_be_visible()
    expect(page.get_by_label("Verification code")).to_be_visible()
    assert calls("ForgotPassword") == 1
    assert stub().outbox(to=email) == []


def test_wrong_reset_code_is_refused(page: Page, email: str):
    create_confirmed_user(page, email)
    request_code(page, email)
    code = read_code(email, purpose="forgot_password")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    enter_code(page, wrong)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set new password").click()
    expect(page.locator("#auth-card").get_by_text("That code isn't right.")).to_be_visible()
    # Back on the code step (Cognito checks the code only with the password).
    expect(heading(page, "Check your email")).to_be_visible()
    expect(page.get_by_label("Verification code")).to_have_value("")
    # The old password still works.
    sign_in(page, email, STRONG_PASSWORD)
    expect(heading(page, "Your account")).to_be_visible()
