"""Keyboard only: Tab, typing and Enter take a person through every step; errors take focus."""

import re

from playwright.sync_api import Locator, Page, expect

from .helpers import STRONG_PASSWORD, create_confirmed_user, heading, read_code, wrong_code

MAX_TABS = 20


def focused(target: Locator) -> bool:
    return target.evaluate("el => el === document.activeElement")


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab (only Tab) until `target` has the focus, as a person would."""
    for _ in range(MAX_TABS):
        if focused(target):
            return
        page.keyboard.press("Tab")
    active = page.evaluate(
        "() => { const el = document.activeElement; return el ? el.outerHTML.slice(0, 200) : null }"
    )
    raise AssertionError(f"{MAX_TABS} Tabs never reached {target}; focus is on {active}")


def field(page: Page, label: str) -> Locator:
    return page.get_by_label(label, exact=True)


def button(page: Page, name: str) -> Locator:
    return page.get_by_role("button", name=name, exact=True)


def type_into(page: Page, label: str, text: str) -> None:
    tab_to(page, field(page, label))
    expect(field(page, label)).to_have_value("")
    page.keyboard.type(text)


def test_journey_by_keyboard(page: Page, email: str):
    page.goto("/auth/sign-up/")
    expect(heading(page, "Create your account")).to_be_visible()
    type_into(page, "Email", email)
    type_into(page, "Password", STRONG_PASSWORD)
    type_into(page, "Confirm password", STRONG_PASSWORD)
    tab_to(page, button(page, "Sign up"))
    page.keyboard.press("Enter")

    expect(heading(page, "Check your email")).to_be_visible()
    expect(field(page, "Verification code")).to_be_focused()  # ready to type the code
    page.keyboard.type(read_code(email))
    page.keyboard.press("Enter")  # implicit submission: the form's first button, Confirm

    expect(heading(page, "Sign in")).to_be_visible()
    expect(page.locator("#auth-card").get_by_text("Your email is confirmed")).to_be_visible()
    expect(field(page, "Email")).to_have_value(email)  # remembered from sign-up
    expect(field(page, "Email")).to_be_focused()  # autofocus, once settled
    type_into(page, "Password", STRONG_PASSWORD)
    page.keyboard.press("Enter")

    expect(heading(page, "Your account")).to_be_visible()
    expect(page.get_by_test_id("account-email")).to_have_text(email)
    tab_to(page, button(page, "Sign out"))
    page.keyboard.press("Enter")
    expect(page.locator("#auth-card").get_by_text("You have signed out.")).to_be_visible()
    expect(heading(page, "Sign in")).to_be_visible()


def test_sign_up_errors_take_focus(page: Page, email: str):
    page.goto("/auth/sign-up/")
    tab_to(page, button(page, "Sign up"))
    page.keyboard.press("Enter")  # nothing typed: every field is required
    expect(field(page, "Email")).to_have_attribute("aria-invalid", "true")
    expect(field(page, "Email")).to_be_focused()  # the first invalid field

    page.keyboard.type(email)  # right away, no Tab needed
    type_into(page, "Password", STRONG_PASSWORD)
    type_into(page, "Confirm password", STRONG_PASSWORD + "x")
    page.keyboard.press("Enter")
    expect(page.locator("#auth-card").get_by_text("The two passwords don't match.")).to_be_visible()
    expect(field(page, "Email")).to_have_value(email)
    invalid = page.locator("input[aria-invalid='true']").first
    expect(invalid).to_be_focused()


def test_wrong_password_focuses_the_error_summary(page: Page, email: str):
    create_confirmed_user(page, email)
    page.goto("/auth/sign-in/")
    expect(field(page, "Email")).to_be_focused()  # autofocus on a fresh page
    expect(field(page, "Email")).to_have_value(email)  # remembered from sign-up
    type_into(page, "Password", "Wr0ng-Passw0rd!")
    page.keyboard.press("Enter")

    summary = page.get_by_role("alert").filter(has_text="Incorrect email or password.")
    expect(summary).to_be_visible()
    expect(page.locator("#form-errors, input[aria-invalid='true']").first).to_be_focused()
    # The next Tab stops lead straight back into the form, and the retry succeeds.
    type_into(page, "Password", STRONG_PASSWORD)
    page.keyboard.press("Enter")
    expect(heading(page, "Your account")).to_be_visible()


def enter_wrong_code(page: Page, email: str) -> str:
    """Sign up by keyboard and send a wrong code; return the right one."""
    page.goto("/auth/sign-up/")
    type_into(page, "Email", email)
    type_into(page, "Password", STRONG_PASSWORD)
    type_into(page, "Confirm password", STRONG_PASSWORD)
    page.keyboard.press("Enter")
    expect(heading(page, "Check your email")).to_be_visible()
    expect(field(page, "Verification code")).to_be_focused()  # autofocus, once settled
    code = read_code(email)
    page.keyboard.type(wrong_code(code))
    page.keyboard.press("Enter")
    expect(page.locator("#auth-card").get_by_text("That code isn't right.")).to_be_visible()
    return code


def test_wrong_code_focuses_the_code_field(page: Page, email: str):
    enter_wrong_code(page, email)
    expect(field(page, "Verification code")).to_be_focused()
    expect(field(page, "Verification code")).to_have_attribute("aria-invalid", "true")


def test_new_code_can_be_typed_right_after_a_wrong_one(page: Page, email: str):
    code = enter_wrong_code(page, email)
    expect(field(page, "Verification code")).to_be_focused()
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    expect(heading(page, "Sign in")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/auth/sign-in/$"))
