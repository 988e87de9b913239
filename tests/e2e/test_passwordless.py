"""Signing in without a password, in a real browser against the stub: an emailed code (from the
stub's outbox), and passkeys made by Chromium's virtual authenticator — added from the account,
used to sign in, removed. With JavaScript and without."""

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    STRONG_PASSWORD,
    card,
    create_confirmed_user,
    expect_field_error,
    expect_form_error,
    heading,
    read_code,
    wrong_code,
)
from tests.e2e.webauthn import add_virtual_authenticator

NO_PASSKEY = "There's no passkey we can use for this account. Sign in another way."


@pytest.fixture(autouse=True)
def choice(settings):
    """The app signs in with USER_AUTH; the stub's pool allows every first factor."""
    settings.COGNITO_SIGN_IN_FLOW = "choice"
    cache.clear()  # what the app read of the pool
    yield
    cache.clear()


@pytest.fixture
def account(page: Page, email: str, settings) -> str:
    """A confirmed account with a password, the browser on the sign-in step. (With "choice",
    confirming signs the person in: it is made under "password", which stops at sign-in.)"""
    settings.COGNITO_SIGN_IN_FLOW = "password"
    create_confirmed_user(page, email)
    settings.COGNITO_SIGN_IN_FLOW = "choice"
    return email


def start_sign_in(page: Page, email: str) -> None:
    page.goto("/auth/sign-in/")
    page.get_by_label("Email", exact=True).fill(email)


def password_sign_in(page: Page, email: str) -> None:
    start_sign_in(page, email)
    page.get_by_label("Password", exact=True).fill(STRONG_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()


def test_an_emailed_code_signs_in(page: Page, account: str, audit):
    email = account
    start_sign_in(page, email)
    audit.check("sign-in with other ways")
    page.get_by_role("button", name="Email me a code").click()
    expect(heading(page, "Enter your code")).to_be_visible()
    expect(card(page)).to_contain_text("We emailed a code to")
    code = read_code(email, purpose="sign_in_email")
    page.get_by_label("Verification code", exact=True).fill(wrong_code(code))
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect_field_error(
        page,
        page.get_by_label("Verification code", exact=True),
        "That code isn't right. Check the latest one we sent you.",
    )
    audit.check("sign-in code, wrong")
    page.get_by_label("Verification code", exact=True).fill(code)
    page.get_by_role("button", name="Sign in", exact=True).click()
    # Signed in: with no passkey yet, the one-time offer comes first.
    expect(heading(page, "Sign in faster next time")).to_be_visible()
    audit.check("passkey offer")
    page.get_by_role("button", name="Not now").click()
    expect(heading(page, "Your account")).to_be_visible()
    page.goto("/account/security/")
    expect(page.get_by_test_id("no-passkeys")).to_be_visible()
    audit.check("security page, passkeys section")


def test_a_passkey_added_from_the_account_signs_in_and_removed_no_longer_does(
    page: Page, account: str
):
    email = account
    authenticator = add_virtual_authenticator(page)
    password_sign_in(page, email)
    expect(heading(page, "Sign in faster next time")).to_be_visible()
    page.get_by_role("button", name="Add a passkey").click()
    expect(heading(page, "Your account")).to_be_visible()
    expect(page.get_by_text("Passkey added.")).to_be_visible()
    assert len(authenticator.credentials()) == 1

    page.get_by_role("button", name="Sign out", exact=True).click()
    start_sign_in(page, email)
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(heading(page, "Your account")).to_be_visible()  # no offer after a passkey sign-in

    page.goto("/account/security/")
    passkeys = page.get_by_test_id("passkeys")
    expect(passkeys.get_by_test_id("passkey")).to_have_count(1)
    passkeys.get_by_role("button", name="Remove").click()
    expect(page.get_by_text("Passkey removed.")).to_be_visible()
    expect(page.get_by_test_id("no-passkeys")).to_be_visible()

    page.get_by_role("link", name="Back to your account").click()
    page.get_by_role("button", name="Sign out", exact=True).click()
    start_sign_in(page, email)
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect_form_error(page, NO_PASSKEY)
    # The other ways stay usable.
    expect(page.get_by_role("button", name="Email me a code")).to_be_enabled()


def test_an_unknown_email_reads_like_an_account_without_a_passkey(page: Page, email: str):
    add_virtual_authenticator(page)
    start_sign_in(page, "nobody-" + email)
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect_form_error(page, NO_PASSKEY)


def test_a_cancelled_passkey_says_so_inline(page: Page, account: str):
    email = account
    authenticator = add_virtual_authenticator(page)
    password_sign_in(page, email)
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_text("Passkey added.")).to_be_visible()
    page.get_by_role("button", name="Sign out", exact=True).click()
    authenticator.clear()  # the device lost its passkey: the browser's get() fails
    start_sign_in(page, email)
    page.get_by_role("button", name="Sign in with a passkey").click()
    problem = page.locator("[data-passkey-problem]")
    expect(problem).to_contain_text("cancelled or didn't work")
    expect(problem).to_be_focused()
    expect(page.get_by_role("button", name="Email me a code")).to_be_enabled()


def test_without_javascript_no_passkey_button_and_codes_still_work(nojs: Page, account: str):
    email = account
    nojs.goto("/auth/sign-in/")
    expect(nojs.get_by_role("button", name="Sign in with a passkey")).to_have_count(0)
    nojs.get_by_label("Email", exact=True).fill(email)
    nojs.get_by_role("button", name="Email me a code").click()
    expect(heading(nojs, "Enter your code")).to_be_visible()
    nojs.get_by_label("Verification code", exact=True).fill(read_code(email, "sign_in_email"))
    nojs.get_by_role("button", name="Sign in", exact=True).click()
    expect(heading(nojs, "Sign in faster next time")).to_be_visible()
    expect(nojs.get_by_role("button", name="Add a passkey")).to_have_count(0)
    nojs.get_by_role("button", name="Not now").click()
    expect(heading(nojs, "Your account")).to_be_visible()


def test_an_account_without_a_password_is_signed_in_by_its_confirmation_code(
    page: Page, email: str, audit
):
    page.goto("/auth/sign-up/")
    page.get_by_label("Email", exact=True).fill(email)
    audit.check("sign-up with an account without a password")
    page.get_by_role("button", name="Create an account without a password").click()
    expect(heading(page, "Check your email")).to_be_visible()
    page.get_by_label("Verification code", exact=True).fill(read_code(email))
    page.get_by_role("button", name="Confirm").click()
    expect(heading(page, "Sign in faster next time")).to_be_visible()  # signed in already
    page.get_by_role("button", name="Not now").click()
    expect(heading(page, "Your account")).to_be_visible()
    # No password: later sign-ins are by emailed code.
    page.get_by_role("button", name="Sign out", exact=True).click()
    start_sign_in(page, email)
    page.get_by_role("button", name="Email me a code").click()
    expect(heading(page, "Enter your code")).to_be_visible()
    page.get_by_label("Verification code", exact=True).fill(read_code(email, "sign_in_email"))
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(heading(page, "Your account")).to_be_visible()  # the offer was answered
