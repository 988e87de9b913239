"""The scenario the README's "For QA" section shows, kept here so the example stays true."""

from playwright.sync_api import Page, expect

from tests.e2e.helpers import (
    APP_ATTEMPTS,
    create_confirmed_user,
    inject_fault,
    sign_in,
    unique_email,
)


def test_throttled_sign_in_says_so(page: Page):
    email = unique_email()
    create_confirmed_user(page, email)  # sign up + code from the outbox + confirm
    inject_fault("InitiateAuth", "TooManyRequestsException", times=APP_ATTEMPTS)
    sign_in(page, email)
    # boto3 backs off between its attempts, so allow a few seconds
    expect(page.get_by_role("alert")).to_contain_text("too many requests", timeout=20_000)
