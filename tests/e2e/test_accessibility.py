"""axe-core finds no violations on any page, in any error state we can reach, light and dark."""

import re

import pytest
from playwright.sync_api import Page, expect

from .axe import Audit, axe_violations, describe
from .conftest import EXTERNAL_APP
from .helpers import STRONG_PASSWORD, heading, read_code, sign_in, sign_out, sign_up, wrong_code


def test_sign_up_and_confirm_states(page: Page, audit: Audit, email: str):
    page.goto("/auth/sign-up/")
    expect(heading(page, "Create your account")).to_be_visible()
    audit.check("sign-up")

    page.get_by_role("button", name="Sign up").click()  # everything empty
    expect(page.locator(".field-error, [id^=error_]").first).to_be_visible()
    audit.check("sign-up, required-field errors")

    page.get_by_label("Email").fill("not-an-email")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Confirm password").fill("different")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    audit.check("sign-up, invalid email and mismatched passwords")

    sign_up(page, email, "weakpassword")  # passes the form, refused by the pool's policy
    expect(
        page.locator("#auth-card").get_by_text(re.compile("password", re.I)).first
    ).to_be_visible()
    expect(heading(page, "Create your account")).to_be_visible()
    audit.check("sign-up, password policy refusal")

    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    audit.check("confirm")

    code = read_code(email)
    page.get_by_label("Verification code").fill("12")
    page.get_by_role("button", name="Confirm").click()
    expect(
        page.locator("#auth-card").get_by_text("Enter the 6-digit code from the email.")
    ).to_be_visible()
    audit.check("confirm, code format error")

    page.get_by_label("Verification code").fill(wrong_code(code))
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator("#auth-card").get_by_text("That code isn't right.")).to_be_visible()
    audit.check("confirm, wrong code")

    page.get_by_role("button", name="Resend code").click()
    expect(page.get_by_role("status")).to_contain_text("code")
    audit.check("confirm, code resent")

    page.goto("/auth/confirm/")  # the same step as a full page
    expect(heading(page, "Check your email")).to_be_visible()
    audit.check("confirm, full page")
    audit.assert_clean()


def test_sign_in_and_account_states(page: Page, audit: Audit, email: str):
    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    page.get_by_label("Verification code").fill(read_code(email))
    page.get_by_role("button", name="Confirm").click()
    expect(heading(page, "Sign in")).to_be_visible()
    audit.check("sign-in, email confirmed notice")

    page.get_by_label("Email", exact=True).fill("")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_label("Email", exact=True)).to_have_attribute("aria-invalid", "true")
    audit.check("sign-in, required-field errors")

    sign_in(page, email, "Wr0ng-Passw0rd!")
    expect(page.get_by_role("alert")).to_contain_text("Incorrect email or password.")
    audit.check("sign-in, wrong password (non-field error)")

    sign_in(page, email, STRONG_PASSWORD)
    expect(heading(page, "Your account")).to_be_visible()
    audit.check("account")

    sign_out(page)
    expect(page.locator("#auth-card").get_by_text("You have signed out.")).to_be_visible()
    audit.check("sign-in, signed out notice")

    page.goto("/auth/sign-in/?next=/account/")
    expect(heading(page, "Sign in")).to_be_visible()
    audit.check("sign-in, full page")
    audit.assert_clean()


def test_password_reset_states(page: Page, audit: Audit, email: str):
    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    page.get_by_label("Verification code").fill(read_code(email))
    page.get_by_role("button", name="Confirm").click()
    expect(heading(page, "Sign in")).to_be_visible()

    page.goto("/auth/password/forgot/")
    expect(heading(page, "Reset your password")).to_be_visible()
    audit.check("forgot password")

    page.get_by_label("Email", exact=True).fill("nope")
    page.get_by_role("button", name="Send code").click()
    expect(page.get_by_label("Email", exact=True)).to_have_attribute("aria-invalid", "true")
    audit.check("forgot password, invalid email")

    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_role("button", name="Send code").click()
    expect(heading(page, "Check your email")).to_be_visible()
    audit.check("reset password, code step")

    code = read_code(email, purpose="forgot_password")
    page.get_by_label("Verification code").fill(wrong_code(code))
    page.get_by_role("button", name="Continue").click()
    expect(heading(page, "Set a new password")).to_be_visible()
    audit.check("reset password, new password step")

    page.get_by_label("New password", exact=True).fill("N3w-Passw0rd!x")
    page.get_by_label("Confirm password").fill("N3w-Passw0rd!y")
    page.get_by_role("button", name="Set new password").click()
    expect(page.locator("#auth-card").get_by_text("The two passwords don't match.")).to_be_visible()
    audit.check("reset password, mismatched passwords")

    page.get_by_label("New password", exact=True).fill("N3w-Passw0rd!x")
    page.get_by_label("Confirm password").fill("N3w-Passw0rd!x")
    page.get_by_role("button", name="Set new password").click()
    expect(page.locator("#auth-card").get_by_text("That code isn't right.")).to_be_visible()
    audit.check("reset password, wrong code (back on the code step)")

    page.goto("/auth/password/reset/")
    expect(heading(page, "Check your email")).to_be_visible()
    audit.check("reset password, full page")
    audit.assert_clean()


def test_primary_button_hover_contrast_dark(page: Page):
    page.emulate_media(color_scheme="dark")
    page.goto("/auth/sign-in/")
    page.get_by_role("button", name="Sign in").hover()
    violations = [v for v in axe_violations(page) if v["id"] == "color-contrast"]
    assert not violations, describe(violations)


@pytest.mark.skipif(bool(EXTERNAL_APP), reason="needs the in-process app to switch DEBUG on")
def test_development_banner_and_mailbox(page: Page, audit: Audit, email: str, settings):
    """What `make run` shows on the stub: the banner on every page, and the dev mailbox."""
    settings.DEBUG = True
    settings.COGNITO_USING_STUB = True
    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    expect(page.get_by_role("banner")).to_contain_text("Development mode")
    audit.check("confirm step with the development banner")
    with page.context.expect_page() as opened:  # a new tab: the form stays as it was
        page.get_by_role("link", name="Open the dev mailbox").click()
    mailbox = opened.value
    mailbox.emulate_media(color_scheme=audit.scheme)
    expect(heading(mailbox, "Dev mailbox")).to_be_visible()
    expect(mailbox.get_by_text(email)).to_be_visible()
    expect(mailbox.get_by_test_id("mailbox-code").first).to_have_text(read_code(email))
    found = Audit(mailbox, audit.scheme)
    found.check("dev mailbox")
    audit.found += found.found
    audit.assert_clean()


def test_not_found_page(page: Page, audit: Audit):
    page.goto("/no-such-page/")
    expect(heading(page, "Page not found")).to_be_visible()
    audit.check("404")
    audit.assert_clean()


def test_enhanced_states(page: Page, audit: Audit):
    """What our script adds: eye toggles (pressed too), the checklist part ticked, one-time
    code digits, and the one error region it fills when the server can't be reached."""
    page.goto("/auth/sign-up/")
    page.get_by_label("Password", exact=True).press_sequentially("abcD1")
    page.get_by_role("button", name="Show password").first.click()
    expect(page.get_by_label("Password", exact=True)).to_have_attribute("type", "text")
    audit.check("sign-up, password shown, checklist part done")

    page.goto("/auth/confirm/")
    page.get_by_label("Verification code", exact=True).fill("123456")
    page.context.set_offline(True)
    try:
        page.get_by_role("button", name="Confirm").click()
        expect(page.locator("#form-errors")).to_be_focused()
        audit.check("confirm, offline error")
    finally:
        page.context.set_offline(False)
    audit.assert_clean()
