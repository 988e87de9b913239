"""Each htmx step swaps the card in place: no full page load until the final sign-in redirect."""

import re

from playwright.sync_api import Page, expect

from .helpers import STRONG_PASSWORD, assert_same_document, heading, mark_document, read_code


def test_steps_swap_in_place_and_back_works(page: Page, email: str):
    page.goto("/auth/sign-up/")
    expect(heading(page, "Create your account")).to_be_visible()

    # Sign up → the confirm step is swapped in and its URL pushed.
    mark_document(page, "sign-up")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(STRONG_PASSWORD)
    page.get_by_label("Confirm password").fill(STRONG_PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(heading(page, "Check your email")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/auth/confirm/$"))
    assert_same_document(page, "sign-up")

    # Confirm → the sign-in step, still the same document.
    mark_document(page, "confirm")
    page.get_by_label("Verification code").fill(read_code(email))
    page.get_by_role("button", name="Confirm").click()
    expect(heading(page, "Sign in")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/auth/sign-in/$"))
    expect(page.locator("#auth-card").get_by_text("Your email is confirmed")).to_be_visible()
    assert_same_document(page, "confirm")

    # Back: the confirm step is done with, so it moves on to sign in (no empty code form for a
    # confirmed account); one more Back is the step before it.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/auth/sign-in/$"))
    expect(heading(page, "Sign in")).to_be_visible()
    expect(
        page.locator("#auth-card").get_by_text("Your email is already confirmed")
    ).to_be_visible()
    page.go_back()
    expect(page).to_have_url(re.compile(r"/auth/sign-up/$"))
    expect(heading(page, "Create your account")).to_be_visible()

    # Forward again to sign in; the final step is a real navigation (HX-Redirect), allowed to load.
    page.go_forward()
    expect(page).to_have_url(re.compile(r"/auth/sign-in/$"))
    expect(heading(page, "Sign in")).to_be_visible()
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(STRONG_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/account/$"))
    expect(heading(page, "Your account")).to_be_visible()
    expect(page.get_by_test_id("account-email")).to_have_text(email)


def test_error_swap_keeps_the_document(page: Page, email: str):
    """A refused step (422) is swapped in too: the error appears without a reload."""
    page.goto("/auth/sign-in/")
    mark_document(page, "sign-in")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill("Wr0ng-Passw0rd!")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert").filter(has_text="Incorrect")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/auth/sign-in/$"))
    assert_same_document(page, "sign-in")


def test_title_follows_the_step(page: Page, email: str):
    """A swapped step announces itself: the document title changes with the heading."""
    page.goto("/auth/sign-up/")
    expect(page).to_have_title(re.compile(r"^Create your account · "))
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(STRONG_PASSWORD)
    page.get_by_label("Confirm password").fill(STRONG_PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(heading(page, "Check your email")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Check your email · "))
    assert page.locator("body title").count() == 0, "a <title> element was swapped into the body"
