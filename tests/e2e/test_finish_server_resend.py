"""Issue 12, defect 12 in a browser: after "Resend code" the button rests, disabled, and shows
how long; the page carries the seconds left in `data-wait-seconds` for the script that counts
down. Past this site's limit the refusal says how long to wait."""

import re

from playwright.sync_api import Page, expect

from .helpers import card, heading, sign_up, submit

RESEND = re.compile(r"^Resend code")


def resend_button(page: Page):
    return page.get_by_role("button", name=RESEND)


def test_after_a_resend_the_button_rests_with_a_countdown(page: Page, email: str):
    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    expect(resend_button(page)).to_be_enabled()
    submit(page, "Resend code")
    button = resend_button(page)
    expect(button).to_be_disabled()
    seconds = int(button.get_attribute("data-wait-seconds"))
    assert 25 <= seconds <= 30
    expect(button).to_have_text(re.compile(rf"Resend code\s*\(wait 0:{seconds:02d}\)"))
    expect(button.locator("time[data-wait-countdown]")).to_have_attribute(
        "datetime", f"PT{seconds}S"
    )


def reach_the_limit(page: Page, email: str, settings) -> None:
    settings.AUTH_RATE_LIMITS = {"send_code": "1/h/key"}
    settings.AUTH_RESEND_COOLDOWN_SECONDS = 0
    sign_up(page, email)  # sign-up's own code is not counted: one resend is allowed
    expect(heading(page, "Check your email")).to_be_visible()
    page.get_by_role("button", name="Resend code", exact=True).click()
    expect(card(page).get_by_text(f"If {email} is waiting")).to_be_visible()


def test_past_the_limit_the_button_rests_and_the_refusal_says_how_long(
    page: Page, email: str, settings
):
    reach_the_limit(page, email, settings)
    button = resend_button(page)
    expect(button).to_be_disabled()
    assert int(button.get_attribute("data-wait-seconds")) > 60
    # A page from before (another tab) still offers it: the refusal says how long to wait.
    button.evaluate("button => button.removeAttribute('disabled')")
    button.click()
    expect(page.get_by_role("alert")).to_have_text(
        re.compile(r"^\s*Too many attempts\. Try again in \d+ minutes?\.\s*$")
    )
    expect(resend_button(page)).to_be_disabled()


def test_without_javascript_the_button_rests_too(nojs: Page, email: str, settings):
    reach_the_limit(nojs, email, settings)
    button = resend_button(nojs)
    expect(button).to_be_disabled()
    expect(button).to_have_text(re.compile(r"Resend code\s*\(wait \d+:\d\d\)"))
