"""Errors leave as soon as they are out of date, and a form has one error region at a time.

A field the person changes loses its message, its aria-invalid and the aria-describedby link to
the message; a new request clears every error of the card while it runs; a failure with no
answer to swap in (offline, a 500) replaces the server's form-level box instead of stacking a
second one, and is focused and announced.
"""

import re

from playwright.sync_api import Page, expect

from .helpers import card, create_confirmed_user, inject_fault, sign_in

WRONG = "Incorrect email or password."
OFFLINE = "We couldn't reach the server. Check your connection and try again."
FAILURE = "Something went wrong. Reload the page and try again."


def test_a_field_the_person_changes_loses_its_error(page: Page):
    page.goto("/auth/sign-up/")
    email = page.get_by_label("Email", exact=True)
    password = page.get_by_label("Password", exact=True)
    page.get_by_role("button", name="Sign up").click()  # everything empty: three errors
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(password).to_have_attribute("aria-invalid", "true")
    message = card(page).locator("#id_email_error")
    expect(message).to_be_visible()
    said = message.inner_text().strip()
    expect(email).to_have_accessible_description(re.compile(re.escape(said)))

    email.press_sequentially("ada@")  # the first keystroke is enough
    expect(message).to_have_count(0)
    expect(email).not_to_have_attribute("aria-invalid", "true")
    described = email.get_attribute("aria-describedby") or ""
    assert "id_email_error" not in described.split()
    expect(email).not_to_have_accessible_description(re.compile(re.escape(said)))
    # The others keep theirs until they are changed.
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(card(page).locator("#id_password_error")).to_be_visible()


def test_errors_leave_while_the_next_request_runs(page: Page, email: str):
    create_confirmed_user(page, email)
    sign_in(page, email, "Wr0ng-Passw0rd!")
    expect(page.get_by_role("alert")).to_have_text(WRONG)

    inject_fault("InitiateAuth", delay_ms=2_000)  # a slow answer, to look while it runs
    page.get_by_label("Password", exact=True).fill("Wr0ng-Passw0rd!2")
    page.get_by_role("button", name="Sign in").click()
    expect(card(page).locator("form.htmx-request")).to_have_count(1)
    expect(card(page).locator("#form-errors")).to_have_count(0)
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(card(page).locator("form.htmx-request")).to_have_count(0, timeout=15_000)
    expect(page.get_by_role("alert")).to_have_text(WRONG)  # the answer brings it back


def test_offline_replaces_the_server_error_focused_and_announced(page: Page, email: str):
    create_confirmed_user(page, email)
    sign_in(page, email, "Wr0ng-Passw0rd!")
    expect(page.get_by_role("alert")).to_have_text(WRONG)

    page.context.set_offline(True)
    try:
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("alert")).to_have_text(OFFLINE)  # one alert, this one
        expect(card(page).locator("#form-errors")).to_have_count(1)
        expect(card(page).locator("#form-errors")).to_be_focused()
        expect(page.locator("#live-announcer")).to_have_text(OFFLINE)

        page.get_by_role("button", name="Sign in").click()  # again: still one box
        expect(card(page).locator("#form-errors")).to_have_count(1)
        expect(card(page).locator("#form-errors")).to_be_focused()
    finally:
        page.context.set_offline(False)


def test_a_server_failure_gets_the_same_one_region(page: Page, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("auth_ui.views.auth.flows.sign_in", crash)
    page.goto("/auth/sign-in/")
    page.get_by_role("button", name="Sign in").click()  # empty: field errors, no request yet
    expect(page.get_by_label("Email", exact=True)).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Email", exact=True).fill("ada@example.com")
    page.get_by_label("Password", exact=True).fill("Passw0rd!")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text(FAILURE)
    expect(card(page).locator("#form-errors")).to_be_focused()
    expect(card(page).locator(".field-error")).to_have_count(0)
