"""Every refusal a person can meet, swapped in place with JavaScript on.

Each test checks what the person sees: the message (from the one table in
`auth_ui/cognito/errors.py`) next to the right field or at the top of the form, focus moved to
it, what they typed kept (except passwords, which come back empty), and no full page reload.
"""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from .helpers import (
    APP_ATTEMPTS,
    STRONG_PASSWORD,
    assert_same_document,
    card,
    create_confirmed_user,
    expect_field_error,
    expect_form_error,
    heading,
    inject_fault,
    mark_document,
    read_code,
    sign_up,
    submit,
    wrong_code,
)

# The words a person reads, written out: a test of what the page says, not of our own table.
WRONG_CREDENTIALS = "Incorrect email or password."
ALREADY_REGISTERED = "An account with this email already exists. Sign in, or reset your password."
EXPIRED_CODE = "This code has expired. Use “Resend code” to get a new one."
TOO_MANY_REQUESTS = "We're receiving too many requests right now. Try again in a few seconds."
UNAVAILABLE = "The sign-in service is unavailable right now. Please try again in a moment."
WAIT_AND_RETRY = "Too many attempts. Please wait a few minutes, then try again."
WRONG_CODE = "That code isn't right. Check the latest email we sent you and try again."
POLICY_NOT_MET = "Choose a stronger password."
PASSWORD_POLICY = (
    "Use at least 8 characters, including an uppercase letter, a lowercase letter, "
    "a number and a symbol."
)
WRONG_PASSWORD = "Wr0ng-Passw0rd!"

# Throttling, 5xx and connection errors are retried by boto3 with exponential backoff (up to
# ~7 s over APP_ATTEMPTS tries) before the person sees anything.
RETRIED_TIMEOUT = 25_000


# --- helpers for this file -------------------------------------------------------


def email_field(page: Page) -> Locator:
    # exact: the confirm card is a region labelled "Check your email".
    return page.get_by_label("Email", exact=True)


def password_field(page: Page) -> Locator:
    return page.get_by_label("Password", exact=True)


def fill_sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/auth/sign-in/")
    expect(heading(page, "Sign in")).to_be_visible()
    email_field(page).fill(email)
    password_field(page).fill(password)
    mark_document(page)


def expect_sign_in_refused(page: Page, email: str, message: str, timeout=None) -> None:
    expect_form_error(page, message, timeout=timeout)
    assert_same_document(page)
    expect(heading(page, "Sign in")).to_be_visible()
    expect(email_field(page)).to_have_value(email)
    expect(password_field(page)).to_have_value("")


def expect_sent_to(page: Page, email: str) -> None:
    """The code step names the address once, as typed; no second email field to retype."""
    expect(card(page).get_by_text(re.compile(rf"^Sent to {re.escape(email)}"))).to_be_visible()
    expect(email_field(page)).to_have_count(0)


def sign_up_to_confirm_step(page: Page, email: str) -> None:
    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    mark_document(page)


# --- sign in -----------------------------------------------------------------------------------


def test_wrong_password(page: Page, email: str):
    create_confirmed_user(page, email)
    fill_sign_in(page, email, WRONG_PASSWORD)
    submit(page, "Sign in")
    expect_sign_in_refused(page, email, WRONG_CREDENTIALS)


def test_unknown_email_reads_exactly_like_a_wrong_password(page: Page, email: str):
    create_confirmed_user(page, email)
    fill_sign_in(page, email, WRONG_PASSWORD)
    submit(page, "Sign in")
    expect_sign_in_refused(page, email, WRONG_CREDENTIALS)
    for_a_real_account = page.locator("#form-errors").inner_text()
    unknown = "nobody-" + email
    fill_sign_in(page, unknown, WRONG_PASSWORD)
    submit(page, "Sign in")
    expect_sign_in_refused(page, unknown, WRONG_CREDENTIALS)
    assert page.locator("#form-errors").inner_text() == for_a_real_account


def test_too_many_requests(page: Page, email: str):
    inject_fault("InitiateAuth", "TooManyRequestsException", times=APP_ATTEMPTS)
    fill_sign_in(page, email, STRONG_PASSWORD)
    submit(page, "Sign in", timeout=RETRIED_TIMEOUT)
    expect_sign_in_refused(page, email, TOO_MANY_REQUESTS)
    expect(page.get_by_role("alert")).to_contain_text("We're receiving too many requests")


def test_internal_error_reads_as_unavailable(page: Page, email: str):
    inject_fault("InitiateAuth", "InternalErrorException", times=APP_ATTEMPTS)
    fill_sign_in(page, email, STRONG_PASSWORD)
    submit(page, "Sign in", timeout=RETRIED_TIMEOUT)
    expect_sign_in_refused(page, email, str(UNAVAILABLE))
    expect(page.get_by_role("alert")).to_contain_text("unavailable")


def test_stub_down_reads_as_unavailable(page: Page, email: str, stub_process):
    if stub_process is None:
        pytest.skip("the stub runs elsewhere (E2E_STUB_URL): it cannot be stopped from here")
    fill_sign_in(page, email, STRONG_PASSWORD)
    stub_process.stop()
    try:
        submit(page, "Sign in", timeout=RETRIED_TIMEOUT)
        expect_sign_in_refused(page, email, str(UNAVAILABLE))
        expect(page.get_by_role("alert")).to_contain_text(
            "The sign-in service is unavailable right now."
        )
    finally:
        stub_process.start()


# --- sign up -----------------------------------------------------------------------------------


def test_email_already_registered(page: Page, email: str):
    sign_up_to_confirm_step(page, email)
    page.goto("/auth/sign-up/")
    expect(heading(page, "Create your account")).to_be_visible()
    mark_document(page)
    sign_up(page, email)
    expect_field_error(page, email_field(page), ALREADY_REGISTERED)
    assert_same_document(page)
    expect(heading(page, "Create your account")).to_be_visible()
    expect(email_field(page)).to_have_value(email)
    expect(password_field(page)).to_have_value("")
    expect(page.get_by_label("Confirm password")).to_have_value("")


def test_weak_password_shows_the_policy(page: Page, email: str):
    page.goto("/auth/sign-up/")
    expect(heading(page, "Create your account")).to_be_visible()
    mark_document(page)
    sign_up(page, email, "password")
    errors = card(page).locator(".field-error")
    expect(errors).to_have_text([POLICY_NOT_MET])
    password = password_field(page)
    # The policy once (the help text), and the error saying it wasn't met.
    expect(password).to_have_accessible_description(
        re.compile(rf"^{re.escape(PASSWORD_POLICY)}\s*{re.escape(POLICY_NOT_MET)}")
    )
    expect(card(page).get_by_text(PASSWORD_POLICY, exact=True)).to_have_count(1)
    expect(password).to_be_focused()
    expect(page.locator("#form-errors")).to_have_count(0)
    assert_same_document(page)
    expect(email_field(page)).to_have_value(email)
    expect(password).to_have_value("")
    expect(page.get_by_label("Confirm password")).to_have_value("")


# --- confirmation code -------------------------------------------------------------------------


def test_wrong_code(page: Page, email: str):
    sign_up_to_confirm_step(page, email)
    wrong = wrong_code(read_code(email))
    code = page.get_by_label("Verification code")
    code.fill(wrong)
    submit(page, "Confirm")
    expect_field_error(page, code, str(WRONG_CODE))
    assert_same_document(page)
    expect(heading(page, "Check your email")).to_be_visible()
    expect(code).to_have_value("")  # a refused code is cleared, ready for the next one
    expect_sent_to(page, email)


def test_expired_code_offers_resend(page: Page, email: str, stub):
    sign_up_to_confirm_step(page, email)
    typed = read_code(email)
    assert stub.expire_codes(to=email) >= 1
    code = page.get_by_label("Verification code")
    code.fill(typed)
    submit(page, "Confirm")
    expect_field_error(page, code, EXPIRED_CODE)
    # The error names the button, and the button is there to press.
    expect(page.locator(".field-error")).to_contain_text("“Resend code”")
    expect(page.get_by_role("button", name="Resend code")).to_be_visible()
    assert_same_document(page)
    expect(code).to_have_value("")
    expect_sent_to(page, email)


def test_resend_code_sends_a_new_one_that_works(page: Page, email: str, stub):
    sign_up_to_confirm_step(page, email)
    first = stub.outbox(to=email)
    assert len(first) == 1
    submit(page, "Resend code")
    resent = f"If {email} is waiting to be confirmed, we sent it a new code."
    expect(card(page).get_by_text(resent)).to_be_visible()
    assert_same_document(page)
    expect(heading(page, "Check your email")).to_be_visible()
    outbox = stub.outbox(to=email)
    assert len(outbox) == 2, outbox
    newest = outbox[0]
    assert newest["purpose"] == "resend"
    assert newest["code"] != first[0]["code"] or newest["sent_at"] > first[0]["sent_at"]
    page.get_by_label("Verification code").fill(newest["code"])
    submit(page, "Confirm")
    expect(heading(page, "Sign in")).to_be_visible()
    expect(page.get_by_text("Your email is confirmed")).to_be_visible()
    assert_same_document(page)


def test_too_many_wrong_codes(page: Page, email: str):
    sign_up_to_confirm_step(page, email)
    right = read_code(email)
    code = page.get_by_label("Verification code")
    for _ in range(5):
        code.fill(wrong_code(right))
        submit(page, "Confirm")
        expect(card(page).get_by_text(str(WRONG_CODE))).to_be_visible()
    # Even the right code is refused now, until a new one is sent. boto3 counts
    # LimitExceededException as throttling and retries it, hence the longer wait.
    code.fill(right)
    submit(page, "Confirm", timeout=RETRIED_TIMEOUT)
    expect_form_error(page, str(WAIT_AND_RETRY))
    expect(page.get_by_role("alert")).to_contain_text("Too many attempts")
    assert_same_document(page)
    expect(heading(page, "Check your email")).to_be_visible()
    expect(code).to_have_value(right)
    expect_sent_to(page, email)
