"""The scenarios the README's "For QA" section shows, kept here so the example stays true.

tests/unit/test_refusals_table.py checks that the README shows this file as it is.
"""

from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    APP_ATTEMPTS,
    RETRIED_TIMEOUT,
    create_confirmed_user,
    expect_field_error,
    expect_status,
    heading,
    inject_fault,
    sign_in,
    sign_up,
    unique_email,
)


def test_throttled_sign_in_says_so(page: Page, stub):
    email = unique_email()
    create_confirmed_user(page, email)  # sign up + code from the outbox + confirm
    inject_fault("InitiateAuth", "TooManyRequestsException", times=APP_ATTEMPTS)
    # boto3 retries throttling, with backoff, before the person sees it: allow RETRIED_TIMEOUT
    with expect_status(page, 429, timeout=RETRIED_TIMEOUT):  # htmx's POST answered 429
        sign_in(page, email)
    expect(page.get_by_role("alert")).to_contain_text("We're receiving too many requests")
    expect(heading(page, "Sign in")).to_be_visible()
    stub.clear_faults()  # the time budget let only 2 or 3 attempts run: 1 or 2 are left
    with expect_status(page, 200):
        sign_in(page, email)
    expect(heading(page, "Your account")).to_be_visible()


def test_undeliverable_code_without_javascript(nojs: Page):
    email = unique_email()
    inject_fault("SignUp", "CodeDeliveryFailureException")  # never retried: once is enough
    with expect_status(nojs, 422):  # a plain POST: refused, with the whole page
        sign_up(nojs, email)
    expect_field_error(
        nojs,
        nojs.get_by_label("Email", exact=True),
        "We couldn't send a code to this email address. Check it and try again.",
    )
    with expect_status(nojs, 302):  # the fault is used up: this time the code goes out
        sign_up(nojs, email)
    expect(heading(nojs, "Check your email")).to_be_visible()
