"""The whole journey a person takes, with JavaScript on."""

import pytest
from playwright.sync_api import Page, expect

from .helpers import confirm, heading, read_code, sign_in, sign_out, sign_up


@pytest.fixture(params=["public client", "client with a secret"])
def app_client(request):
    if request.param == "client with a secret":
        return request.getfixturevalue("secret_client")["secret_client_id"]
    return None


def test_sign_up_confirm_sign_in_sign_out(page: Page, email: str, app_client, stub):
    sign_up(page, email)
    expect(heading(page, "Check your email")).to_be_visible()
    confirm(page, read_code(email))
    expect(heading(page, "Sign in")).to_be_visible()
    expect(page.get_by_text("Your email is confirmed")).to_be_visible()
    sign_in(page, email)
    expect(heading(page, "Your account")).to_be_visible()
    expect(page.get_by_test_id("account-email")).to_have_text(email)
    sign_out(page)
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    assert stub.calls()["RevokeToken"] == 1
    page.goto("/account/")
    expect(heading(page, "Sign in")).to_be_visible()
    assert "/auth/sign-in/?next=/account/" in page.url
