"""The "Show password" checkbox: added by our script, revealing every password field of a form."""

from playwright.sync_api import Browser, Page, expect

from .helpers import STRONG_PASSWORD, card, heading, submit


def test_show_password_reveals_both_fields_and_resets_after_a_swap(page: Page):
    page.goto("/auth/sign-up/")
    password = page.get_by_label("Password", exact=True)
    confirmation = page.get_by_label("Confirm password", exact=True)
    password.fill(STRONG_PASSWORD)
    confirmation.fill("Something-Else-1!")
    for field in (password, confirmation):
        expect(field).to_have_attribute("type", "password")

    show = page.get_by_label("Show password")
    expect(show).to_have_count(1)  # one per form, after the last password field
    show.check()
    for field in (password, confirmation):
        expect(field).to_have_attribute("type", "text")
    show.uncheck()
    expect(confirmation).to_have_attribute("type", "password")

    show.check()
    page.get_by_label("Email", exact=True).fill("someone@example.com")
    submit(page, "Sign up")  # the passwords differ: the form comes back with an error
    expect(card(page).get_by_text("The two passwords don't match.")).to_be_visible()
    expect(page.get_by_label("Show password")).not_to_be_checked()
    for field in (password, confirmation):
        expect(field).to_have_attribute("type", "password")
        expect(field).to_have_value("")


def test_forms_without_passwords_have_no_toggle(page: Page):
    page.goto("/auth/password/forgot/")
    expect(heading(page, "Reset your password")).to_be_visible()
    expect(page.get_by_label("Show password")).to_have_count(0)


def test_without_javascript_there_is_no_toggle(browser: Browser, base_url: str):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    try:
        page = context.new_page()
        page.goto("/auth/sign-in/")
        expect(page.get_by_label("Password", exact=True)).to_be_visible()
        expect(page.get_by_label("Show password")).to_have_count(0)
    finally:
        context.close()
