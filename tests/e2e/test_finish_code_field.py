"""One-time code fields (`autocomplete="one-time-code"`): set for six digits, a pasted code
loses its spaces and dashes, and the sixth digit typed (or a pasted code) sends the form.

The script waits a moment before sending (so an Enter pressed right after is the one
submission): the tests that must see nothing sent move Playwright's clock past that moment.
"""

from urllib.parse import parse_qs

from playwright.sync_api import Page, expect

from .helpers import card, heading, inject_fault, read_code, sign_up, wrong_code

# Forms sent by htmx (POSTs; an HX-Location answer's own GET doesn't count).
COUNT_REQUESTS = (
    "window.__sent = 0; document.addEventListener('htmx:beforeRequest', (event) => {"
    " if (event.detail.requestConfig.verb === 'post') window.__sent += 1 })"
)


def code_field(page: Page):
    return page.get_by_label("Verification code", exact=True)


def on_confirm_step(page: Page, email: str) -> None:
    page.add_init_script(COUNT_REQUESTS)
    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    page.reload()  # a fresh count, on the same step
    expect(code_field(page)).to_be_focused()


def posted_code(page: Page, action) -> str:
    with page.expect_request(
        lambda request: request.method == "POST" and request.url.endswith("/auth/confirm/")
    ) as sent:
        action()
    return parse_qs(sent.value.post_data or "")["code"][0]


def test_the_field_is_set_for_six_digits(page: Page, email: str):
    on_confirm_step(page, email)
    style = code_field(page).evaluate(
        "el => { const s = getComputedStyle(el);"
        " return [s.fontFamily, parseFloat(s.fontSize), parseFloat(s.letterSpacing), s.textAlign] }"
    )
    family, size, spacing, align = style
    assert "mono" in family.lower(), family
    assert size >= 20, f"{size}px"
    assert spacing >= 4, f"letter-spacing {spacing}px"
    assert align == "center"
    expect(code_field(page)).to_have_attribute("inputmode", "numeric")


def test_a_pasted_code_is_normalised_to_digits_and_sent(page: Page, email: str):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    on_confirm_step(page, email)
    code = read_code(email)
    wrong = wrong_code(code)
    for pasted in (f"{wrong[:3]} {wrong[3:]}", f"{wrong[:3]}-{wrong[3:]}"):
        page.evaluate("text => navigator.clipboard.writeText(text)", pasted)
        code_field(page).focus()
        sent = posted_code(page, lambda: page.keyboard.press("ControlOrMeta+V"))
        assert sent == wrong  # digits only, and sent with nothing else typed or clicked
        expect(card(page).get_by_text("That code isn't right.")).to_be_visible()

    page.evaluate("text => navigator.clipboard.writeText(text)", f" {code[:3]}-{code[3:]} ")
    code_field(page).focus()
    page.keyboard.press("ControlOrMeta+V")
    expect(heading(page, "Sign in")).to_be_visible()


def test_the_sixth_digit_typed_sends_the_code(page: Page, email: str):
    page.clock.install()
    on_confirm_step(page, email)
    code = read_code(email)
    code_field(page).press_sequentially(code[:5])
    page.clock.run_for(2_000)  # well past the script's short wait: nothing was sent
    assert page.evaluate("window.__sent") == 0
    expect(code_field(page)).to_have_value(code[:5])

    sent = posted_code(page, lambda: code_field(page).press_sequentially(code[5]))
    assert sent == code
    expect(heading(page, "Sign in")).to_be_visible()


def test_nothing_is_sent_while_another_field_is_empty(page: Page, email: str):
    """/auth/confirm/ visited cold asks for the email too: six digits alone don't send it."""
    page.clock.install()
    page.add_init_script(COUNT_REQUESTS)
    page.goto("/auth/confirm/")
    expect(page.get_by_label("Email", exact=True)).to_have_value("")
    code_field(page).press_sequentially("123456")
    page.clock.run_for(2_000)
    assert page.evaluate("window.__sent") == 0
    expect(code_field(page)).to_have_value("123456")


def test_an_enter_right_after_the_sixth_digit_sends_once(page: Page, email: str):
    on_confirm_step(page, email)
    code = read_code(email)
    inject_fault("ConfirmSignUp", delay_ms=1_500)  # still running when the script's wait ends
    code_field(page).press_sequentially(code)
    page.keyboard.press("Enter")
    expect(heading(page, "Sign in")).to_be_visible()
    expect(page.get_by_label("Email", exact=True)).not_to_have_attribute("aria-invalid", "true")
    assert page.evaluate("window.__sent") == 1
