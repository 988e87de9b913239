"""A button resting after a code was sent counts its wait down, then offers itself again (the
page says how long in `data-wait-seconds`; our script ticks). Playwright's clock stands in for
the seconds, so nothing here waits for real time."""

import re

from playwright.sync_api import Page, expect

from .helpers import heading, sign_up, submit


def test_the_resend_button_counts_down_then_comes_back(page: Page, email: str):
    page.clock.install()
    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    submit(page, "Resend code")
    button = page.get_by_role("button", name=re.compile(r"^Resend code"))
    expect(button).to_be_disabled()
    seconds = int(button.get_attribute("data-wait-seconds"))

    page.clock.run_for(10_000)
    left = seconds - 10
    expect(button).to_have_text(re.compile(rf"\(wait 0:{left:02d}\)"))
    expect(button.locator("time")).to_have_attribute("datetime", f"PT{left}S")
    expect(button).to_be_disabled()

    page.clock.run_for(left * 1_000)
    expect(button).to_be_enabled()
    expect(button).to_have_text("Resend code")
