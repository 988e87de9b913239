"""With JavaScript off, the same forms post normally: 302s between steps, full pages, errors."""

from playwright.sync_api import Page, expect

from .helpers import (
    STRONG_PASSWORD,
    assert_error_page,
    assert_redirected,
    create_confirmed_user,
    heading,
    read_code,
)
from .helpers import submit_without_js as submit


def test_journey_without_javascript(nojs: Page, email: str):
    page = nojs
    page.goto("/auth/sign-up/")
    expect(heading(page, "Create your account")).to_be_visible()
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(STRONG_PASSWORD)
    page.get_by_label("Confirm password").fill(STRONG_PASSWORD)
    assert_redirected(submit(page, "Sign up"), "/auth/confirm/")
    expect(heading(page, "Check your email")).to_be_visible()
    expect(page.locator("#auth-card").get_by_text(f"Sent to {email}")).to_be_visible()

    page.get_by_label("Verification code").fill(read_code(email))
    assert_redirected(submit(page, "Confirm"), "/auth/sign-in/")
    expect(heading(page, "Sign in")).to_be_visible()
    expect(page.locator("#auth-card").get_by_text("Your email is confirmed")).to_be_visible()

    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(STRONG_PASSWORD)
    assert_redirected(submit(page, "Sign in"), "/account/")
    expect(heading(page, "Your account")).to_be_visible()
    expect(page.get_by_test_id("account-email")).to_have_text(email)

    assert_redirected(submit(page, "Sign out"), "/auth/sign-in/")
    expect(page.locator("#auth-card").get_by_text("You have signed out.")).to_be_visible()
    page.goto("/account/")
    expect(heading(page, "Sign in")).to_be_visible()
    assert "/auth/sign-in/?next=/account/" in page.url


def test_wrong_password_without_javascript(nojs: Page, page: Page, email: str):
    create_confirmed_user(page, email)  # with JS, in the default context
    nojs.goto("/auth/sign-in/")
    nojs.get_by_label("Email", exact=True).fill(email)
    nojs.get_by_label("Password", exact=True).fill("Wr0ng-Passw0rd!")
    assert_error_page(submit(nojs, "Sign in"), "/auth/sign-in/")
    expect(nojs.get_by_role("alert")).to_contain_text("Incorrect email or password.")
    expect(heading(nojs, "Sign in")).to_be_visible()
    expect(nojs.get_by_label("Email", exact=True)).to_have_value(email)
    expect(nojs.get_by_label("Password", exact=True)).to_have_value("")


def test_wrong_code_without_javascript(nojs: Page, email: str):
    page = nojs
    page.goto("/auth/sign-up/")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(STRONG_PASSWORD)
    page.get_by_label("Confirm password").fill(STRONG_PASSWORD)
    assert_redirected(submit(page, "Sign up"), "/auth/confirm/")
    code = read_code(email)
    page.get_by_label("Verification code").fill(f"{(int(code) + 1) % 1_000_000:06d}")
    assert_error_page(submit(page, "Confirm"), "/auth/confirm/")
    expect(heading(page, "Check your email")).to_be_visible()
    expect(page.locator("#auth-card").get_by_text("That code isn't right.")).to_be_visible()
    expect(page.locator("#auth-card").get_by_text(f"Sent to {email}")).to_be_visible()
    # The right code still works afterwards.
    page.get_by_label("Verification code").fill(code)
    assert_redirected(submit(page, "Confirm"), "/auth/sign-in/")


def test_sign_up_errors_without_javascript(nojs: Page, email: str):
    page = nojs
    page.goto("/auth/sign-up/")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(STRONG_PASSWORD)
    page.get_by_label("Confirm password").fill(STRONG_PASSWORD + "x")
    assert_error_page(submit(page, "Sign up"), "/auth/sign-up/")
    expect(page.locator("#auth-card").get_by_text("The two passwords don't match.")).to_be_visible()
    expect(page.get_by_label("Email", exact=True)).to_have_value(email)
    expect(page.get_by_label("Password", exact=True)).to_have_value("")
    expect(page.get_by_label("Confirm password")).to_have_value("")
