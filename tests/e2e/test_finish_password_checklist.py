"""A live checklist under a new password, from the pool's policy: ticked as the person types,
announced politely and only when an item changes; the server's check stays the authority."""

from playwright.sync_api import Browser, Page, expect

from .helpers import card, heading

COUNT_ANNOUNCEMENTS = """
() => {
  const status = document.querySelector("[data-checklist-status]");
  window.__said = [];
  new MutationObserver(() => window.__said.push(status.textContent))
    .observe(status, { childList: true, characterData: true, subtree: true });
}
"""


def checklist(page: Page):
    return card(page).locator("[data-password-checklist]")


def item(page: Page, text: str):
    return checklist(page).get_by_role("listitem").filter(has_text=text)


def test_the_checklist_follows_the_pool_policy_under_the_first_password(page: Page):
    page.goto("/auth/sign-up/")
    expect(checklist(page)).to_have_count(1)
    expect(checklist(page).get_by_role("listitem")).to_have_text(
        [
            "At least 8 characters: not yet",
            "An uppercase letter: not yet",
            "A lowercase letter: not yet",
            "A number: not yet",
            "A symbol: not yet",
        ]
    )
    password = page.get_by_label("Password", exact=True)
    expect(card(page).locator("#div_id_password [data-password-checklist]")).to_be_visible()
    # The sentence stays for screen readers (the field's description), the list shows it.
    expect(password).to_have_accessible_description(
        "Use at least 8 characters, including an uppercase letter, a lowercase letter, "
        "a number and a symbol."
    )
    expect(card(page).locator("#id_password_helptext")).to_have_class("field-help sr-only")


def test_a_smaller_policy_lists_fewer_items(page: Page, monkeypatch):
    policy = {
        "MinimumLength": 12,
        "RequireUppercase": False,
        "RequireLowercase": True,
        "RequireNumbers": False,
        "RequireSymbols": False,
    }
    monkeypatch.setattr("auth_ui.cognito.password_policy", lambda: policy)
    page.goto("/auth/sign-up/")
    expect(checklist(page).get_by_role("listitem")).to_have_text(
        ["At least 12 characters: not yet", "A lowercase letter: not yet"]
    )


def test_items_tick_as_typed_and_only_changes_are_announced(page: Page):
    page.goto("/auth/sign-up/")
    status = checklist(page).locator("[data-checklist-status]")
    expect(status).to_have_attribute("aria-live", "polite")
    page.evaluate(COUNT_ANNOUNCEMENTS)
    password = page.get_by_label("Password", exact=True)

    password.press_sequentially("abcd")  # four keystrokes, one change
    expect(item(page, "A lowercase letter")).to_have_text("A lowercase letter: done")
    expect(status).to_have_text("A lowercase letter: done")
    assert page.evaluate("window.__said") == ["A lowercase letter: done"]

    password.press_sequentially("E5!x")  # the eighth character
    for text in ("An uppercase letter", "A number", "A symbol", "At least 8 characters"):
        expect(item(page, text)).to_have_text(f"{text}: done")
    said = page.evaluate("window.__said")
    assert len(said) == 5, said  # a, E, 5, !, and the eighth character: not every keystroke

    password.press("Backspace")
    expect(item(page, "At least 8 characters")).to_have_text("At least 8 characters: not yet")
    expect(status).to_have_text("At least 8 characters: not yet")


def test_the_server_still_decides(page: Page):
    page.goto("/auth/sign-up/")
    page.get_by_label("Email", exact=True).fill("someone@example.com")
    page.get_by_label("Password", exact=True).fill("weak")
    page.get_by_label("Confirm password", exact=True).fill("weak")
    page.get_by_role("button", name="Sign up").click()  # not blocked by the list
    password = page.get_by_label("Password", exact=True)
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(heading(page, "Create your account")).to_be_visible()


def test_without_javascript_the_sentence_says_it(browser: Browser, base_url: str):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    try:
        page = context.new_page()
        page.goto("/auth/sign-up/")
        expect(checklist(page)).to_be_hidden()
        expect(card(page).locator("#id_password_helptext")).to_be_visible()
    finally:
        context.close()
