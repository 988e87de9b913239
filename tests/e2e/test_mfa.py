"""Two-step verification in a real browser against the stub's real MFA: an authenticator app
enrolled from the account page and used at sign-in, email codes from the outbox, the choice of
method, setting one up when the pool requires it, without JavaScript, and axe on each page."""

import boto3
import pytest
from playwright.sync_api import Page, expect

import cognito_stub

from .axe import Audit
from .helpers import (
    assert_redirected,
    card,
    create_confirmed_user,
    expect_field_error,
    heading,
    read_code,
    setup_key,
    sign_in,
    sign_out,
    submit,
    submit_without_js,
    totp_code,
)

WRONG_CODE = "That code isn't right. Try again."


@pytest.fixture(autouse=True)
def optional_mfa(pool_mfa):
    pool_mfa("OPTIONAL")
    return pool_mfa


def field(page: Page, label: str):
    return page.get_by_label(label, exact=True)


def signed_in(page: Page, email: str) -> None:
    create_confirmed_user(page, email)
    sign_in(page, email)
    expect(heading(page, "Your account")).to_be_visible()


def open_security(page: Page) -> None:
    page.goto("/account/")
    page.get_by_role("link", name="Manage two-step verification").click()
    expect(heading(page, "Two-step verification")).to_be_visible()


def enrol_app(page: Page, email: str) -> str:
    """From the account page: set up an authenticator app; returns its key."""
    open_security(page)
    page.get_by_role("link", name="Set up an authenticator app").click()
    expect(heading(page, "Set up an authenticator app")).to_be_visible()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    key = setup_key(page)
    field(page, "Authentication code").fill(totp_code(key))
    submit(page, "Verify")
    expect(heading(page, "Two-step verification")).to_be_visible()
    expect(card(page).get_by_role("status")).to_contain_text("Your authenticator app is set up.")
    expect(page.get_by_test_id("mfa-state-SOFTWARE_TOKEN_MFA")).to_contain_text("On")
    return key


def sign_out_from_account(page: Page) -> None:
    page.goto("/account/")
    sign_out(page)
    expect(heading(page, "Sign in")).to_be_visible()


def test_enrol_an_authenticator_app_then_sign_in_with_it(page: Page, email: str):
    signed_in(page, email)
    key = enrol_app(page, email)
    sign_out_from_account(page)

    sign_in(page, email)
    expect(heading(page, "Two-step verification")).to_be_visible()
    code = field(page, "Authentication code")
    expect(code).to_have_attribute("autocomplete", "one-time-code")
    code.fill(totp_code(key, later=-3))  # an old code: refused, inline
    submit(page, "Verify")
    expect_field_error(page, code, WRONG_CODE)
    code.fill(totp_code(key, later=1))
    submit(page, "Verify")
    expect(heading(page, "Your account")).to_be_visible()


def test_email_codes_at_sign_in(page: Page, email: str, stub):
    signed_in(page, email)
    open_security(page)
    page.get_by_test_id("mfa-state-EMAIL_OTP").locator("..").get_by_role(
        "button", name="Turn on"
    ).click()
    expect(page.get_by_test_id("mfa-state-EMAIL_OTP")).to_contain_text("On")
    sign_out_from_account(page)

    sign_in(page, email)
    expect(heading(page, "Two-step verification")).to_be_visible()
    expect(card(page).get_by_role("status")).to_contain_text("We emailed a code to")
    field(page, "Authentication code").fill(read_code(email, purpose="mfa_email"))
    submit(page, "Verify")
    expect(heading(page, "Your account")).to_be_visible()


def admin():
    from .helpers import stub as stub_client

    return boto3.client(
        "cognito-idp", region_name=cognito_stub.REGION, endpoint_url=stub_client().base_url
    )


def test_choose_the_method_when_none_is_preferred(page: Page, email: str):
    signed_in(page, email)
    key = enrol_app(page, email)
    both_methods_none_preferred(email)
    sign_out_from_account(page)

    sign_in(page, email)
    expect(heading(page, "Two-step verification")).to_be_visible()
    buttons = card(page).get_by_role("button")
    expect(buttons).to_have_text(["Authenticator app", "Email"])
    page.get_by_role("button", name="Authenticator app").click()
    field(page, "Authentication code").fill(totp_code(key, later=1))
    submit(page, "Verify")
    expect(heading(page, "Your account")).to_be_visible()


def test_set_up_an_app_at_sign_in_when_the_pool_requires_one(page: Page, email: str, pool_mfa):
    create_confirmed_user(page, email)
    pool_mfa("ON")
    sign_in(page, email)
    expect(heading(page, "Set up two-step verification")).to_be_visible()
    key = setup_key(page)
    field(page, "Authentication code").fill(totp_code(key))
    submit(page, "Verify")
    expect(heading(page, "Your account")).to_be_visible()
    open_security(page)
    expect(page.get_by_test_id("mfa-requirement")).to_contain_text("requires a second step")
    expect(card(page).get_by_role("button", name="Turn off")).to_have_count(0)


def test_enrol_and_sign_in_without_javascript(nojs: Page, email: str):
    page = nojs
    signed_in(page, email)
    key = enrol_app_without_js(page)
    sign_out_from_account(page)

    sign_in(page, email)
    expect(heading(page, "Two-step verification")).to_be_visible()
    field(page, "Authentication code").fill(totp_code(key, later=1))
    assert_redirected(submit_without_js(page, "Verify"), "/account/")


def test_mfa_pages_and_their_error_states(page: Page, audit: Audit, email: str):
    signed_in(page, email)
    open_security(page)
    audit.check("two-step verification settings")
    page.get_by_role("link", name="Set up an authenticator app").click()
    expect(heading(page, "Set up an authenticator app")).to_be_visible()
    audit.check("authenticator app setup")
    field(page, "Authentication code").fill("000000")
    submit(page, "Verify")
    expect(card(page).locator(".field-error")).to_be_visible()
    audit.check("authenticator app setup, wrong code")
    key = setup_key(page)
    field(page, "Authentication code").fill(totp_code(key))
    submit(page, "Verify")
    expect(heading(page, "Two-step verification")).to_be_visible()
    audit.check("two-step verification settings, app on")
    sign_out_from_account(page)

    sign_in(page, email)
    expect(heading(page, "Two-step verification")).to_be_visible()
    audit.check("sign-in, authentication code")
    field(page, "Authentication code").fill("12")
    submit(page, "Verify")
    expect(card(page).locator(".field-error")).to_be_visible()
    audit.check("sign-in, authentication code, format error")
    audit.assert_clean()


def test_a_phone_number_for_text_messages(page: Page, email: str):
    signed_in(page, email)
    open_security(page)
    page.get_by_role("link", name="Add a phone number").click()
    expect(heading(page, "Your phone number")).to_be_visible()
    field(page, "Phone number").fill("+44 7700 900123")
    submit(page, "Send code")
    expect(heading(page, "Check your phone")).to_be_visible()
    field(page, "Verification code").fill(read_code("+447700900123", purpose="verify_phone"))
    submit(page, "Verify")
    expect(card(page).get_by_role("status")).to_contain_text("Your phone number is now")
    open_security(page)
    page.get_by_test_id("mfa-state-SMS_MFA").locator("..").get_by_role(
        "button", name="Turn on"
    ).click()
    expect(page.get_by_test_id("mfa-state-SMS_MFA")).to_contain_text("On")
    sign_out_from_account(page)
    sign_in(page, email)
    expect(card(page).get_by_role("status")).to_contain_text("We texted a code to")
    field(page, "Authentication code").fill(read_code("+447700900123", purpose="mfa_sms"))
    submit(page, "Verify")
    expect(heading(page, "Your account")).to_be_visible()


def test_email_codes_set_up_at_sign_in_when_the_pool_requires_mfa(page: Page, email: str, pool_mfa):
    create_confirmed_user(page, email)
    pool_mfa("ON")
    sign_in(page, email)
    expect(heading(page, "Set up two-step verification")).to_be_visible()
    submit(page, "Email me codes instead")
    expect(heading(page, "Two-step verification")).to_be_visible()
    field(page, "Authentication code").fill(read_code(email, purpose="mfa_email"))
    submit(page, "Verify")
    expect(heading(page, "Your account")).to_be_visible()


def both_methods_none_preferred(email: str) -> None:
    """Both methods on, neither preferred: Cognito asks which (SELECT_MFA_TYPE)."""
    admin().admin_set_user_mfa_preference(
        UserPoolId=cognito_stub.USER_POOL_ID,
        Username=email,
        SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": False},
        EmailMfaSettings={"Enabled": True, "PreferredMfa": False},
    )


def test_choose_email_without_javascript(nojs: Page, email: str):
    page = nojs
    signed_in(page, email)
    enrol_app_without_js(page)
    both_methods_none_preferred(email)
    sign_out_from_account(page)
    sign_in(page, email)
    expect(heading(page, "Two-step verification")).to_be_visible()
    assert_redirected(submit_without_js(page, "Email"), "/auth/mfa/")
    field(page, "Authentication code").fill(read_code(email, purpose="mfa_email"))
    assert_redirected(submit_without_js(page, "Verify"), "/account/")


def enrol_app_without_js(page: Page) -> str:
    open_security(page)
    page.get_by_role("link", name="Set up an authenticator app").click()
    key = setup_key(page)
    field(page, "Authentication code").fill(totp_code(key))
    assert_redirected(submit_without_js(page, "Verify"), "/account/security/")
    return key


def test_sign_in_choice_setup_and_phone_pages_are_accessible(
    page: Page, audit: Audit, email: str, pool_mfa
):
    signed_in(page, email)
    open_security(page)
    page.get_by_role("link", name="Add a phone number").click()
    expect(heading(page, "Your phone number")).to_be_visible()
    audit.check("phone number")
    field(page, "Phone number").fill("07700")
    submit(page, "Send code")
    expect(card(page).locator(".field-error")).to_be_visible()
    audit.check("phone number, no country code")

    enrol_app(page, email)
    both_methods_none_preferred(email)
    sign_out_from_account(page)
    sign_in(page, email)
    expect(card(page).get_by_role("button", name="Email")).to_be_visible()
    audit.check("sign-in, choose a method")

    other = "setup-" + email
    create_confirmed_user(page, other)
    pool_mfa("ON")
    sign_in(page, other)
    expect(heading(page, "Set up two-step verification")).to_be_visible()
    audit.check("sign-in, set up two-step verification")
    audit.assert_clean()
