"""The site's brand from settings: SITE_NAME in the card header and the tab title (kept by htmx
swaps), SITE_LOGO above it, and one system font stack with no font to download."""

import re

from playwright.sync_api import Page, expect

from .helpers import card, heading, sign_up, unique_email


def test_the_name_heads_the_card_and_the_tab(page: Page, settings):
    settings.SITE_NAME = "Example Co"
    page.goto("/auth/sign-in/")
    expect(page).to_have_title("Sign in · Example Co")
    expect(card(page).locator("header")).to_contain_text("Example Co")
    sign_up(page, unique_email())  # a swapped step brings its own title
    expect(heading(page, "Check your email")).to_be_visible()
    expect(page).to_have_title("Check your email · Example Co")
    expect(card(page).locator("header")).to_contain_text("Example Co")


def test_the_logo_is_drawn_from_site_logo(page: Page, settings):
    page.goto("/auth/sign-in/")
    logo = card(page).locator("header img")
    expect(logo).to_have_attribute("src", re.compile(r"/static/img/logo\.svg$"))
    expect(logo).to_have_attribute("alt", "")  # the name beside it says it
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0"), "the logo didn't load"

    settings.SITE_LOGO = "img/brand.svg"
    page.goto("/auth/sign-in/")
    expect(logo).to_have_attribute("src", re.compile(r"/static/img/brand\.svg$"))


def test_one_system_font_stack_and_no_font_downloads(page: Page):
    fonts = []
    page.on(
        "request",
        lambda request: fonts.append(request.url) if request.resource_type == "font" else None,
    )
    page.goto("/auth/sign-in/")
    expect(heading(page, "Sign in")).to_be_visible()
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith("system-ui"), family
    button = page.get_by_role("button", name="Sign in")
    assert button.evaluate("el => getComputedStyle(el).fontFamily") == family
    page.wait_for_load_state("load")
    assert not fonts, f"fonts downloaded: {fonts}"
