"""The dev mailbox (`make run`, on the stub): plain words and relative times, a copy button per
code, a list that refreshes itself in place, and a banner link that leaves the form alone."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from auth_ui.stub_outbox import Outbox

from .conftest import EXTERNAL_APP
from .helpers import assert_same_document, card, heading, mark_document, read_code, sign_up

pytestmark = pytest.mark.skipif(
    bool(EXTERNAL_APP), reason="needs the in-process app to switch DEBUG on"
)


@pytest.fixture(autouse=True)
def on_the_stub(settings):
    settings.DEBUG = True
    settings.COGNITO_USING_STUB = True


def entry(page: Page, text: str):
    return page.locator("#mailbox li").filter(has_text=text)


def test_codes_say_what_they_are_for_and_how_long_ago(page: Page, email: str):
    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    page.goto("/dev/mailbox/")
    sent = entry(page, email)
    expect(sent).to_contain_text("Sign-up code")
    expect(sent).not_to_contain_text("sign_up")
    when = sent.locator("time")
    expect(when).to_have_text("just now")
    expect(when).to_have_attribute("datetime", re.compile(r"^\d{4}-\d\d-\d\dT"))
    year = str(datetime.now(UTC).year)
    expect(when).to_have_attribute("title", re.compile(year))  # the exact time, local
    expect(sent.get_by_test_id("mailbox-code")).to_have_text(read_code(email))


def test_older_codes_and_unknown_purposes_read_plainly(page: Page, monkeypatch):
    earlier = (datetime.now(UTC) - timedelta(minutes=2, seconds=5)).isoformat()
    messages = [
        {"to": "a@example.com", "purpose": "forgot_password", "code": "111111", "sent_at": earlier},
        {"to": "b@example.com", "purpose": "mfa_email", "code": "222222", "sent_at": earlier},
        {"to": "c@example.com", "purpose": "carrier_pigeon", "code": "333333", "sent_at": "?"},
    ]
    monkeypatch.setattr(
        "auth_ui.views.pages.stub_outbox.read",
        lambda url: Outbox(messages=messages, reachable=True),
    )
    page.goto("/dev/mailbox/")
    expect(entry(page, "a@example.com")).to_contain_text("Password reset code")
    expect(entry(page, "a@example.com").locator("time")).to_have_text("2 minutes ago")
    expect(entry(page, "b@example.com")).to_contain_text("Sign-in code (email)")
    expect(entry(page, "c@example.com")).to_contain_text("Carrier pigeon")


def test_a_copy_button_copies_the_code_and_says_so(page: Page, email: str):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    code = read_code(email)
    page.goto("/dev/mailbox/")
    entry(page, email).get_by_role("button", name=f"Copy code {code}").click()
    assert page.evaluate("navigator.clipboard.readText()") == code
    expect(page.locator("#live-announcer")).to_have_text("Copied")
    expect(entry(page, email).get_by_role("button", name=code)).to_contain_text("Copied")


def test_new_codes_appear_without_a_reload_and_focus_stays(page: Page, email: str):
    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    page.goto("/dev/mailbox/")
    expect(page.locator("#mailbox")).to_have_attribute("hx-trigger", "every 3s")
    copy = entry(page, email).get_by_role("button", name=re.compile("^Copy"))
    copy.focus()
    mark_document(page)

    other = page.context.new_page()
    later = email.replace("qa-", "qa2-")
    sign_up(other, later)
    expect(heading(other, "Check your email")).to_be_visible()
    other.close()

    expect(entry(page, later)).to_be_visible()  # within a poll or two
    expect(entry(page, email).get_by_role("button", name=re.compile("^Copy"))).to_be_focused()
    assert_same_document(page)


def test_the_banner_opens_the_mailbox_in_a_new_tab(page: Page):
    page.goto("/auth/sign-up/")
    page.get_by_label("Email", exact=True).fill("half-typed@example.com")
    link = page.get_by_role("banner").get_by_role("link", name=re.compile("dev mailbox"))
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", re.compile(r"\bnoopener\b"))
    with page.context.expect_page() as opened:
        link.click()
    mailbox = opened.value
    expect(heading(mailbox, "Dev mailbox")).to_be_visible()
    expect(card(mailbox).get_by_role("link", name="Back to sign in")).to_be_visible()
    expect(page.get_by_label("Email", exact=True)).to_have_value("half-typed@example.com")
