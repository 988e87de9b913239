"""Issue 12, defects 14, 15 and 17 in a browser: a signed-in person is sent on from the
signed-out forms; a taken email at sign-up links on to sign in and reset, carrying it; and
"Forgot your password?" sits on the Password label's row, reached by Tab after the field."""

import re

from playwright.sync_api import Page, expect

from .helpers import (
    STRONG_PASSWORD,
    card,
    create_confirmed_user,
    heading,
    sign_in,
    sign_up,
)


def test_a_signed_in_person_is_sent_to_the_account(page: Page, email: str):
    create_confirmed_user(page, email)
    sign_in(page, email, STRONG_PASSWORD)
    expect(heading(page, "Your account")).to_be_visible()
    for url in ("/auth/sign-up/", "/auth/password/forgot/", "/auth/confirm/"):
        page.goto(url)
        expect(heading(page, "Your account")).to_be_visible()
        expect(page).to_have_url(re.compile(r"/account/$"))


def test_a_taken_email_links_to_sign_in_and_reset(page: Page, email: str):
    create_confirmed_user(page, email)
    sign_up(page, email)
    error = card(page).locator("#id_email_error")
    expect(error).to_have_text(
        "An account with this email already exists. Sign in, or reset your password."
    )
    error.get_by_role("link", name="reset your password").click()
    expect(heading(page, "Reset your password")).to_be_visible()
    expect(page.get_by_label("Email", exact=True)).to_have_value(email)

    sign_up(page, email)
    card(page).locator("#id_email_error").get_by_role("link", name="Sign in").click()
    expect(heading(page, "Sign in")).to_be_visible()
    expect(page.get_by_label("Email", exact=True)).to_have_value(email)


def test_forgot_sits_on_the_password_labels_row(page: Page):
    page.goto("/auth/sign-in/")
    label = card(page).locator("label[for=id_password]")
    link = page.get_by_role("link", name="Forgot your password?")
    field = page.get_by_label("Password", exact=True)
    label_box, link_box, field_box = label.bounding_box(), link.bounding_box(), field.bounding_box()
    # The same row as the label, above the field, right-aligned with it.
    assert (
        abs(link_box["y"] + link_box["height"] / 2 - (label_box["y"] + label_box["height"] / 2)) < 6
    )
    assert link_box["y"] + link_box["height"] <= field_box["y"]
    assert abs(link_box["x"] + link_box["width"] - (field_box["x"] + field_box["width"])) < 2
    text_end = label.evaluate(
        "el => { const r = document.createRange(); r.selectNodeContents(el);"
        " return r.getBoundingClientRect().right }"
    )
    assert link_box["x"] > text_end  # beside the label's words, not over them

    # Keyboard: email, then password, and only then the link.
    page.get_by_label("Email", exact=True).focus()
    page.keyboard.press("Tab")
    expect(field).to_be_focused()
    for _ in range(3):  # past the show-password control, if the page has one
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(heading(page, "Reset your password")).to_be_visible()
