"""One vertical rhythm down the card: the header, a notice or an error box, and the form below
each sit 24 px apart (a notice used to hug the next label at 8 px)."""

from playwright.sync_api import Locator, Page, expect

from .helpers import card, create_confirmed_user, sign_in

GAP = 24  # px: the card's stack (Tailwind's 6)


def gap(above: Locator, below: Locator) -> float:
    top, bottom = above.bounding_box(), below.bounding_box()
    assert top and bottom
    return bottom["y"] - (top["y"] + top["height"])


def top(page: Page) -> Locator:
    """The card's header: the title and its lead (in a <header>, or bare)."""
    header = card(page).locator("header:has(h1)")
    return header if header.count() else card(page).locator("h1, h1 + p").last


def assert_rhythm(page: Page, box: Locator) -> None:
    expect(box).to_be_visible()
    header = top(page)
    first_label = card(page).locator("form label").first
    above, below = gap(header, box), gap(box, first_label)
    assert abs(above - GAP) <= 1, f"header to box: {above} px, not {GAP}"
    assert abs(below - GAP) <= 1, f"box to the next label: {below} px, not {GAP}"


def test_a_notice_sits_in_the_rhythm(page: Page, email: str):
    create_confirmed_user(page, email)  # ends on sign-in, with "Your email is confirmed"
    assert_rhythm(page, card(page).get_by_role("status").filter(has_text="confirmed"))


def test_an_error_box_sits_in_the_rhythm(page: Page, email: str):
    create_confirmed_user(page, email)
    sign_in(page, email, "Wr0ng-Passw0rd!")
    assert_rhythm(page, card(page).get_by_role("alert"))


def test_without_a_notice_the_form_follows_the_header_at_the_same_gap(page: Page):
    page.goto("/auth/sign-in/")
    expect(card(page).locator("form label").first).to_be_visible()
    header = top(page)
    first_label = card(page).locator("form label").first
    assert abs(gap(header, first_label) - GAP) <= 1
