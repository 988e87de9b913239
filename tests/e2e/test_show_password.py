"""The eye toggle our script puts inside each password field: a real button, pressed or not.

Its accessible name stays "Show password" (from `<body data-show-password-label>`, translated)
while `aria-pressed` says whether the password shows: a toggle's label must not change with its
state, or a screen reader would read "Hide password, pressed".
"""

from playwright.sync_api import Browser, Locator, Page, expect

from .helpers import STRONG_PASSWORD, card, heading, submit


def toggles(page: Page):
    return card(page).get_by_role("button", name="Show password", exact=True)


def inside(inner: Locator, outer: Locator) -> bool:
    a, b = inner.bounding_box(), outer.bounding_box()
    assert a and b
    return (
        b["x"] < a["x"]
        and a["x"] + a["width"] <= b["x"] + b["width"]
        and b["y"] <= a["y"]
        and a["y"] + a["height"] <= b["y"] + b["height"]
    )


def test_each_password_field_has_its_own_toggle_inside_it(page: Page):
    page.goto("/auth/sign-up/")
    password = page.get_by_label("Password", exact=True)
    confirmation = page.get_by_label("Confirm password", exact=True)
    expect(toggles(page)).to_have_count(2)
    for field, toggle in ((password, toggles(page).nth(0)), (confirmation, toggles(page).nth(1))):
        expect(toggle).to_have_attribute("type", "button")
        expect(toggle).to_have_attribute("aria-pressed", "false")
        expect(toggle).to_have_attribute("aria-controls", field.get_attribute("id"))
        assert inside(toggle, field), "the toggle is not inside its field"
        assert toggle.locator("svg").count() == 1  # an icon, drawn by the script
    label = page.evaluate("document.body.dataset.showPasswordLabel")
    expect(toggles(page).first).to_have_accessible_name(label)


def test_a_toggle_reveals_its_own_field_and_hides_it_again(page: Page):
    page.goto("/auth/sign-up/")
    password = page.get_by_label("Password", exact=True)
    confirmation = page.get_by_label("Confirm password", exact=True)
    password.fill(STRONG_PASSWORD)
    first = toggles(page).nth(0)

    first.click()
    expect(password).to_have_attribute("type", "text")
    expect(first).to_have_attribute("aria-pressed", "true")
    expect(first).to_have_accessible_name("Show password")
    expect(confirmation).to_have_attribute("type", "password")  # not the other one
    expect(password).to_have_value(STRONG_PASSWORD)

    first.click()
    expect(password).to_have_attribute("type", "password")
    expect(first).to_have_attribute("aria-pressed", "false")


def test_the_toggle_works_from_the_keyboard(page: Page):
    page.goto("/auth/sign-in/")
    password = page.get_by_label("Password", exact=True)
    password.focus()
    page.keyboard.press("Tab")  # the next stop after the field is its toggle
    toggle = toggles(page)
    expect(toggle).to_be_focused()
    page.keyboard.press("Space")
    expect(password).to_have_attribute("type", "text")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Enter")
    expect(password).to_have_attribute("type", "password")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(toggle).to_be_focused()


def test_a_swapped_form_comes_back_hidden(page: Page):
    page.goto("/auth/sign-up/")
    password = page.get_by_label("Password", exact=True)
    confirmation = page.get_by_label("Confirm password", exact=True)
    page.get_by_label("Email", exact=True).fill("someone@example.com")
    password.fill(STRONG_PASSWORD)
    confirmation.fill("Something-Else-1!")
    toggles(page).nth(0).click()
    toggles(page).nth(1).click()
    submit(page, "Sign up")  # the passwords differ: the form comes back with an error
    expect(card(page).get_by_text("The two passwords don't match.")).to_be_visible()
    expect(toggles(page)).to_have_count(2)
    for index, field in enumerate((password, confirmation)):
        expect(field).to_have_attribute("type", "password")
        expect(field).to_have_value("")
        expect(toggles(page).nth(index)).to_have_attribute("aria-pressed", "false")


def test_forms_without_passwords_have_no_toggle(page: Page):
    page.goto("/auth/password/forgot/")
    expect(heading(page, "Reset your password")).to_be_visible()
    expect(toggles(page)).to_have_count(0)


def test_without_javascript_there_is_no_toggle(browser: Browser, base_url: str):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    try:
        page = context.new_page()
        page.goto("/auth/sign-in/")
        expect(page.get_by_label("Password", exact=True)).to_be_visible()
        expect(toggles(page)).to_have_count(0)
    finally:
        context.close()
