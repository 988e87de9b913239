"""Issue 12, defect 6 in a browser: resetting a password asks for the code, then the password.
A mistyped code no longer costs the passwords on the same form; a weak password no longer costs
the code. Passwords are never sent back into the page."""

import re

from playwright.sync_api import Page, expect

from .helpers import (
    STRONG_PASSWORD,
    card,
    create_confirmed_user,
    heading,
    read_code,
    sign_in,
    wrong_code,
)

NEW_PASSWORD = "N3w-Passw0rd!x"


def ask_for_a_code(page: Page, email: str) -> str:
    page.goto("/auth/password/forgot/")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_role("button", name="Send code").click()
    expect(heading(page, "Check your email")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/auth/password/reset/$"))
    return read_code(email, purpose="forgot_password")


def type_code(page: Page, code: str) -> None:
    page.get_by_label("Verification code", exact=True).fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(heading(page, "Set a new password")).to_be_visible()


def choose(page: Page, password: str, again: str | None = None) -> None:
    page.get_by_label("New password", exact=True).fill(password)
    page.get_by_label("Confirm password", exact=True).fill(again or password)
    page.get_by_role("button", name="Set new password").click()


def test_a_wrong_code_goes_back_to_the_code_step(page: Page, email: str):
    create_confirmed_user(page, email)
    code = ask_for_a_code(page, email)
    expect(card(page).get_by_text(f"Sent to {email}")).to_be_visible()
    type_code(page, wrong_code(code))
    expect(page.get_by_label("New password", exact=True)).to_be_focused()
    choose(page, NEW_PASSWORD)

    expect(heading(page, "Check your email")).to_be_visible()
    field = page.get_by_label("Verification code", exact=True)
    expect(field).to_be_focused()
    expect(field).to_have_value("")
    expect(field).to_have_accessible_description(re.compile(r"^That code isn't right\."))
    assert NEW_PASSWORD not in page.content()

    type_code(page, code)
    choose(page, NEW_PASSWORD)
    expect(heading(page, "Sign in")).to_be_visible()
    sign_in(page, email, NEW_PASSWORD)
    expect(heading(page, "Your account")).to_be_visible()


def test_a_weak_password_keeps_the_code(page: Page, email: str):
    create_confirmed_user(page, email)
    type_code(page, ask_for_a_code(page, email))
    choose(page, "weakpassword")
    password = page.get_by_label("New password", exact=True)
    expect(password).to_be_focused()
    expect(card(page).locator(".field-error")).to_have_text(["Choose a stronger password."])
    expect(password).to_have_value("")
    expect(page.get_by_label("Verification code", exact=True)).to_have_count(0)
    choose(page, NEW_PASSWORD)  # no second code needed
    expect(heading(page, "Sign in")).to_be_visible()
    sign_in(page, email, NEW_PASSWORD)
    expect(heading(page, "Your account")).to_be_visible()


def test_without_javascript(nojs: Page, page: Page, email: str):
    create_confirmed_user(page, email)  # with JS, in the default context
    code = ask_for_a_code(nojs, email)
    type_code(nojs, wrong_code(code))
    choose(nojs, NEW_PASSWORD)
    expect(heading(nojs, "Check your email")).to_be_visible()
    expect(card(nojs).get_by_text("That code isn't right.")).to_be_visible()
    type_code(nojs, code)
    choose(nojs, NEW_PASSWORD)
    expect(heading(nojs, "Sign in")).to_be_visible()
    sign_in(nojs, email, STRONG_PASSWORD)
    expect(nojs.get_by_role("alert")).to_contain_text("Incorrect email or password.")
