"""What a signed-in person does on /account/: with JavaScript (swapped in place) and without
(plain posts), the email change end to end, sign out everywhere across two browsers, deletion,
and axe on every account page and error state."""

from playwright.sync_api import Browser, Page, expect

from .axe import Audit
from .helpers import (
    STRONG_PASSWORD,
    assert_redirected,
    assert_same_document,
    card,
    create_confirmed_user,
    expect_field_error,
    expect_form_error,
    heading,
    mark_document,
    read_code,
    sign_in,
    sign_out,
    submit,
    submit_without_js,
    unique_email,
    wrong_code,
)

NEW_PASSWORD = "N3w-Passw0rd!"
WRONG_CREDENTIALS = "Incorrect email or password."
WRONG_CODE = "That code isn't right. Check the latest email we sent you and try again."


def signed_in(page: Page, email: str, password: str = STRONG_PASSWORD) -> None:
    """A new, confirmed person, signed in and on the account hub."""
    create_confirmed_user(page, email, password)
    sign_in(page, email, password)
    expect(heading(page, "Your account")).to_be_visible()


def open_from_hub(page: Page, link: str, title: str) -> None:
    page.get_by_role("link", name=link, exact=True).click()
    expect(heading(page, title)).to_be_visible()


def field(page: Page, label: str):
    return page.get_by_label(label, exact=True)


def expect_notice(page: Page, text: str) -> None:
    expect(card(page).get_by_role("status")).to_contain_text(text)


def expect_refused_sign_in(page: Page, email: str, password: str) -> None:
    sign_in(page, email, password)
    expect(page.get_by_role("alert")).to_have_text(WRONG_CREDENTIALS)


# --- email -----------------------------------------------------------------------------------


def test_change_email_with_the_code_then_sign_in_with_it(page: Page, email: str):
    signed_in(page, email)
    open_from_hub(page, "Change email", "Change your email")
    mark_document(page)
    new_email = unique_email("moved")
    field(page, "New email").fill(new_email)
    submit(page, "Send code")
    expect(heading(page, "Check your email")).to_be_visible()
    expect_notice(page, f"We sent a code to {new_email}")
    assert_same_document(page)
    assert page.url.endswith("/account/email/")

    code = read_code(new_email, purpose="verify_email")
    code_field = field(page, "Verification code")
    code_field.fill(wrong_code(code))
    submit(page, "Verify")
    expect_field_error(page, code_field, WRONG_CODE)
    code_field.fill(code)
    submit(page, "Verify")
    expect(heading(page, "Your account")).to_be_visible()
    expect(page.get_by_test_id("account-email")).to_have_text(new_email)
    expect_notice(page, f"Your email address is now {new_email}.")
    assert_same_document(page)

    sign_out(page)
    expect_refused_sign_in(page, email, STRONG_PASSWORD)
    sign_in(page, new_email)
    expect(heading(page, "Your account")).to_be_visible()


def test_change_email_without_javascript_keeps_the_old_one_until_verified(
    nojs: Page, browser: Browser, base_url: str, email: str
):
    page = nojs
    signed_in(page, email)
    open_from_hub(page, "Change email", "Change your email")
    new_email = unique_email("moved")
    field(page, "New email").fill(new_email)
    assert_redirected(submit_without_js(page, "Send code"), "/account/email/")
    expect(heading(page, "Check your email")).to_be_visible()

    # Until the code is typed, the old address is the one that signs in.
    other = browser.new_context(base_url=base_url).new_page()
    sign_in(other, email)
    expect(heading(other, "Your account")).to_be_visible()
    expect(other.get_by_test_id("account-email")).to_have_text(email)
    expect(other.get_by_text(f"Changing to {new_email}")).to_have_count(0)  # not this session's
    other.context.close()

    field(page, "Verification code").fill(read_code(new_email, purpose="verify_email"))
    assert_redirected(submit_without_js(page, "Verify"), "/account/")
    expect(page.get_by_test_id("account-email")).to_have_text(new_email)


def test_an_address_in_use_is_a_field_error(page: Page, email: str):
    taken = unique_email("taken")
    create_confirmed_user(page, taken)
    signed_in(page, email)
    open_from_hub(page, "Change email", "Change your email")
    new_email = field(page, "New email")
    new_email.fill(taken)
    submit(page, "Send code")
    expect_field_error(page, new_email, "Another account already uses this email address.")


# --- password and profile --------------------------------------------------------------------


def test_change_password_then_sign_in_with_it(page: Page, email: str):
    signed_in(page, email)
    open_from_hub(page, "Change password", "Change your password")
    mark_document(page)
    current = field(page, "Current password")
    current.fill("Not-The-Passw0rd!")
    field(page, "New password").fill(NEW_PASSWORD)
    field(page, "Confirm password").fill(NEW_PASSWORD)
    submit(page, "Change password")
    expect_field_error(page, current, "That isn't your current password.")
    expect(current).to_have_value("")

    current.fill(STRONG_PASSWORD)
    field(page, "New password").fill(NEW_PASSWORD)
    field(page, "Confirm password").fill(NEW_PASSWORD)
    submit(page, "Change password")
    expect(heading(page, "Your account")).to_be_visible()
    expect_notice(page, "Your password has been changed.")
    assert_same_document(page)

    sign_out(page)
    expect_refused_sign_in(page, email, STRONG_PASSWORD)
    sign_in(page, email, NEW_PASSWORD)
    expect(heading(page, "Your account")).to_be_visible()


def test_change_password_without_javascript(nojs: Page, email: str):
    page = nojs
    signed_in(page, email)
    open_from_hub(page, "Change password", "Change your password")
    field(page, "Current password").fill(STRONG_PASSWORD)
    field(page, "New password").fill(NEW_PASSWORD)
    field(page, "Confirm password").fill(NEW_PASSWORD)
    assert_redirected(submit_without_js(page, "Change password"), "/account/")
    expect(page.get_by_role("status")).to_contain_text("Your password has been changed.")


def test_edit_profile(page: Page, email: str):
    signed_in(page, email)
    open_from_hub(page, "Edit profile", "Your profile")
    mark_document(page)
    field(page, "Name").fill("Ada Lovelace")
    submit(page, "Save")
    expect(heading(page, "Your account")).to_be_visible()
    expect_notice(page, "Your profile has been saved.")
    expect(card(page).get_by_text("Ada Lovelace")).to_be_visible()
    assert_same_document(page)


def test_edit_profile_without_javascript(nojs: Page, email: str):
    page = nojs
    signed_in(page, email)
    open_from_hub(page, "Edit profile", "Your profile")
    field(page, "Name").fill("Grace Hopper")
    assert_redirected(submit_without_js(page, "Save"), "/account/")
    expect(card(page).get_by_text("Grace Hopper")).to_be_visible()


# --- sessions and deletion -------------------------------------------------------------------


def test_sign_out_everywhere_ends_the_other_browsers_session(
    page: Page, browser: Browser, base_url: str, email: str
):
    signed_in(page, email)
    other = browser.new_context(base_url=base_url).new_page()
    sign_in(other, email)
    expect(heading(other, "Your account")).to_be_visible()

    page.get_by_role("button", name="Sign out everywhere").click()
    expect(heading(page, "Sign in")).to_be_visible()
    expect_notice(page, "You have signed out everywhere.")

    other.reload()  # its next request
    expect(heading(other, "Sign in")).to_be_visible()
    assert "/auth/sign-in/?next=/account/" in other.url
    other.context.close()


def test_sign_out_everywhere_without_javascript(nojs: Page, email: str):
    page = nojs
    signed_in(page, email)
    assert_redirected(submit_without_js(page, "Sign out everywhere"), "/auth/sign-in/")
    page.goto("/account/")
    expect(heading(page, "Sign in")).to_be_visible()


def test_delete_account_then_it_cannot_sign_in(page: Page, email: str):
    signed_in(page, email)
    open_from_hub(page, "Delete account", "Delete your account")
    confirmation = field(page, "Email")
    confirmation.fill("someone.else@example.com")
    submit(page, "Delete account")
    expect_field_error(page, confirmation, "Type the email address of this account to confirm.")
    confirmation.fill(email)
    page.get_by_role("button", name="Delete account").click()
    expect(heading(page, "Sign in")).to_be_visible()
    expect_notice(page, "Your account has been deleted.")
    expect_refused_sign_in(page, email, STRONG_PASSWORD)


def test_delete_account_without_javascript(nojs: Page, email: str):
    page = nojs
    signed_in(page, email)
    open_from_hub(page, "Delete account", "Delete your account")
    field(page, "Email").fill(email)
    assert_redirected(submit_without_js(page, "Delete account"), "/auth/sign-in/")
    expect_refused_sign_in(page, email, STRONG_PASSWORD)


# --- accessibility ---------------------------------------------------------------------------


def test_account_pages_and_their_error_states(page: Page, audit: Audit, email: str):
    signed_in(page, email)
    audit.check("account hub")

    open_from_hub(page, "Edit profile", "Your profile")
    audit.check("profile")
    page.goto("/account/")

    open_from_hub(page, "Change email", "Change your email")
    audit.check("change email")
    field(page, "New email").fill("not-an-email")
    submit(page, "Send code")
    expect(field(page, "New email")).to_have_attribute("aria-invalid", "true")
    audit.check("change email, invalid address")
    new_email = unique_email("moved")
    field(page, "New email").fill(new_email)
    submit(page, "Send code")
    expect(heading(page, "Check your email")).to_be_visible()
    audit.check("email code")
    field(page, "Verification code").fill(wrong_code(read_code(new_email, "verify_email")))
    submit(page, "Verify")
    expect(card(page).locator(".field-error")).to_be_visible()
    audit.check("email code, wrong code")
    page.goto("/account/")
    expect(card(page).get_by_text(f"Changing to {new_email}")).to_be_visible()
    audit.check("account hub, email change pending")

    open_from_hub(page, "Change password", "Change your password")
    audit.check("change password")
    submit(page, "Change password")
    expect(field(page, "Current password")).to_have_attribute("aria-invalid", "true")
    audit.check("change password, required fields")
    page.goto("/account/")

    open_from_hub(page, "Delete account", "Delete your account")
    audit.check("delete account")
    field(page, "Email").fill("someone.else@example.com")
    submit(page, "Delete account")
    expect(card(page).locator(".field-error")).to_be_visible()
    audit.check("delete account, wrong confirmation")
    audit.assert_clean()


def test_an_outage_on_the_hub_is_announced(page: Page, email: str, stub):
    signed_in(page, email)
    stub.inject_fault("GetUser", "InternalErrorException", times=4)
    page.reload()
    expect_form_error(
        page, "The sign-in service is unavailable right now. Please try again in a moment."
    )
    expect(page.get_by_test_id("account-email")).to_have_text(email)
