"""Issue 12, defects 3, 21 and 22 in a browser: the confirm step says once, in the person's own
words, where the code went ("Sent to … · Change"), with no second email field to retype; Change
brings the field back; a direct visit explains the step. With JavaScript on and off."""

import re

from playwright.sync_api import Page, expect

from .helpers import card, heading, read_code, sign_up

LEAD_UNKNOWN = re.compile(r"^Enter the email you signed up with and the 6-digit code we sent")
SENT_TO = re.compile(r"^Sent to ")


def expect_sent_to(page: Page, email: str) -> None:
    line = card(page).get_by_text(SENT_TO)
    expect(line).to_have_text(f"Sent to {email} · Change email address")
    expect(card(page).get_by_text(email)).to_have_count(1)  # said once: no masked copy besides
    expect(page.get_by_label("Email", exact=True)).to_have_count(0)  # no field to retype


def test_the_address_is_said_once_and_can_be_changed(page: Page, email: str):
    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    expect_sent_to(page, email)
    expect(card(page).get_by_text("Enter the 6-digit code we emailed you")).to_have_count(1)
    expect(page.get_by_label("Verification code", exact=True)).to_be_focused()

    page.get_by_role("link", name="Change email address").click()
    email_field = page.get_by_label("Email", exact=True)
    expect(email_field).to_have_value(email)
    expect(card(page).get_by_text(LEAD_UNKNOWN)).to_be_visible()
    expect(card(page).get_by_text(SENT_TO)).to_have_count(0)

    # Confirming from there works as well.
    page.get_by_label("Verification code", exact=True).fill(read_code(email))
    page.get_by_role("button", name="Confirm").click()
    expect(heading(page, "Sign in")).to_be_visible()


def test_a_pasted_code_with_a_space_or_dash_is_taken(page: Page, email: str):
    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    code = read_code(email)
    field = page.get_by_label("Verification code", exact=True)
    expect(field).to_have_attribute("inputmode", "numeric")
    expect(field).to_have_attribute("autocomplete", "one-time-code")
    field.fill(f"{code[:3]}-{code[3:]}")
    page.get_by_role("button", name="Confirm").click()
    expect(heading(page, "Sign in")).to_be_visible()


def test_a_direct_visit_explains_the_step(page: Page):
    page.goto("/auth/confirm/")
    expect(heading(page, "Check your email")).to_be_visible()
    expect(card(page).get_by_text(LEAD_UNKNOWN)).to_be_visible()
    expect(page.get_by_label("Email", exact=True)).to_have_value("")
    expect(page.get_by_role("button", name="Resend code")).to_be_enabled()


def test_without_javascript(nojs: Page, email: str):
    page = nojs
    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    expect_sent_to(page, email)
    page.get_by_role("link", name="Change email address").click()
    expect(page.get_by_label("Email", exact=True)).to_have_value(email)
    page.get_by_label("Verification code", exact=True).fill(read_code(email))
    page.get_by_role("button", name="Confirm").click()
    expect(heading(page, "Sign in")).to_be_visible()
