"""Long email addresses on a phone (390 px): no sideways scrolling, and an address that fits on
a line of its own is moved there whole instead of being cut mid-word after the words before it.
"""

import uuid

from playwright.sync_api import Locator, Page, expect

from .helpers import card, create_confirmed_user, heading, sign_in

PHONE = {"width": 390, "height": 844}

LINES = """
(element) => {
  const tops = new Set();
  for (const rect of element.getClientRects()) tops.add(Math.round(rect.top));
  return tops.size;
}
"""


def no_sideways_scroll(page: Page) -> None:
    width, scroll = page.evaluate(
        "[document.documentElement.clientWidth, document.documentElement.scrollWidth]"
    )
    assert scroll <= width, f"the page scrolls sideways: {scroll} px wide in {width}"


def within_card(page: Page, element: Locator) -> None:
    inner, outer = element.bounding_box(), card(page).bounding_box()
    assert inner and outer
    assert inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5


def test_an_address_that_fits_a_line_moves_there_whole(page: Page):
    email = f"ada.lovelace-{uuid.uuid4().hex[:8]}@example.com"  # about 250 px: fits alone
    create_confirmed_user(page, email)
    sign_in(page, email)
    expect(heading(page, "Your account")).to_be_visible()
    page.set_viewport_size(PHONE)
    page.goto("/account/email/")
    address = card(page).locator("strong", has_text=email)
    expect(address).to_be_visible()
    assert address.evaluate(LINES) == 1, "the address was cut across two lines"
    within_card(page, address)
    no_sideways_scroll(page)


def test_an_address_longer_than_the_line_wraps_inside_the_card(page: Page):
    email = f"firstname.middlename.lastname.department-{uuid.uuid4().hex[:8]}@subdomain.example.com"
    page.set_viewport_size(PHONE)
    page.goto("/auth/password/forgot/")
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_role("button", name="Send code").click()
    notice = card(page).get_by_role("status").filter(has_text=email)
    expect(notice).to_be_visible()
    within_card(page, notice)
    no_sideways_scroll(page)
