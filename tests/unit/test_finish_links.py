"""Issue 12, defect 15: "Sign in, or reset your password" after signing up with a taken email
are links, carrying the email typed; sign-in and forgot-password prefill a valid `?email=` (and
ignore anything else), rendered escaped like any value."""

import re
from types import SimpleNamespace

import pytest

from auth_ui import session

from .conftest import client_error
from .pages import (
    BRANCHES,
    EMAIL,
    FORGOT_URL,
    HTMX,
    PASSWORD,
    SIGN_IN_URL,
    SIGN_OUT_URL,
    SIGN_UP_URL,
    assert_field_error,
    assert_rendered,
    input_named,
    post,
)

pytestmark = pytest.mark.django_db

TAKEN = "ada+work@example.com"
QUERY = "email=ada%2Bwork%40example.com"


@BRANCHES
@pytest.mark.parametrize("code", ["UsernameExistsException", "AliasExistsException"])
def test_a_taken_email_links_to_sign_in_and_reset_with_it(client, stubber, htmx, code):
    client_error(stubber, "sign_up", code)
    data = {"email": TAKEN, "password": PASSWORD, "password_confirm": PASSWORD}
    body = assert_rendered(post(client, SIGN_UP_URL, data, htmx), htmx, 422)
    assert_field_error(
        body,
        "email",
        "An account with this email already exists. "
        f'<a class="link" href="{SIGN_IN_URL}?{QUERY}">Sign in</a>, or '
        f'<a class="link" href="{FORGOT_URL}?{QUERY}">reset your password</a>.',
    )


@BRANCHES
@pytest.mark.parametrize("url", [SIGN_IN_URL, FORGOT_URL])
def test_the_linked_steps_prefill_the_email(client, htmx, url):
    body = client.get(f"{url}?{QUERY}", **(HTMX if htmx else {})).content.decode()
    assert input_named(body, "email")["value"] == TAKEN


@pytest.mark.parametrize("url", [SIGN_IN_URL, FORGOT_URL])
@pytest.mark.parametrize("typed", ["not-an-email", "ada@", "x" * 300 + "@example.com", " "])
def test_anything_but_an_email_is_ignored(client, url, typed):
    store = client.session
    session.remember_email(SimpleNamespace(session=store), "grace@example.com")
    store.save()
    body = client.get(url, {"email": typed}).content.decode()
    assert input_named(body, "email")["value"] == "grace@example.com"


@pytest.mark.parametrize("url", [SIGN_IN_URL, FORGOT_URL])
def test_a_valid_but_odd_email_is_rendered_escaped(client, url):
    odd = '"<script>alert(1)</script>"@example.com'  # a quoted local part is a valid address
    body = client.get(url, {"email": odd}).content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_username_pools_take_a_username(client, settings):
    settings.COGNITO_USES_USERNAMES = True
    body = client.get(SIGN_IN_URL, {"email": "ada_lovelace"}).content.decode()
    assert input_named(body, "email")["value"] == "ada_lovelace"


def test_the_forgot_link_carries_the_email_too(client):
    body = client.get(SIGN_IN_URL, {"email": TAKEN}).content.decode()
    assert re.search(
        rf'<a class="[^"]*" href="{FORGOT_URL}\?{QUERY}">Forgot your password\?</a>', body
    )


def test_no_welcome_back_right_after_signing_out(client, stubber, auth_result):
    stubber.add_response("initiate_auth", auth_result(email=EMAIL))
    client.post(SIGN_IN_URL, {"email": EMAIL, "password": PASSWORD})
    stubber.add_response("revoke_token", {})
    client.post(SIGN_OUT_URL)
    body = client.get(SIGN_IN_URL).content.decode()
    assert "You have signed out." in body
    assert "Welcome back." not in body
    assert "Welcome back." in client.get(SIGN_IN_URL).content.decode()  # later visits: as ever
