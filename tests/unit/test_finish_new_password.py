"""Issue 12, defect 11: the new-password challenge focuses its first field, and names the
account (hidden, read-only, autocomplete="username") so a password manager files the new
password under it."""

import pytest

from .pages import (
    BRANCHES,
    EMAIL,
    NEW_PASSWORD_URL,
    PASSWORD,
    SIGN_IN_URL,
    assert_rendered,
    follow,
    input_named,
    post,
    tags,
)

pytestmark = pytest.mark.django_db


def start_challenge(client, stubber):
    stubber.add_response(
        "initiate_auth",
        {
            "ChallengeName": "NEW_PASSWORD_REQUIRED",
            "Session": "challenge-session-token",
            "ChallengeParameters": {"USER_ID_FOR_SRP": EMAIL},
        },
    )
    client.post(SIGN_IN_URL, {"email": EMAIL, "password": PASSWORD})


@BRANCHES
def test_the_first_field_has_focus(client, stubber, htmx):
    start_challenge(client, stubber)
    body = follow(client, NEW_PASSWORD_URL, htmx)
    focused = [a["name"] for t, a in tags(body) if t == "input" and "autofocus" in a]
    assert focused == ["password"]


@BRANCHES
def test_the_account_is_named_for_password_managers(client, stubber, htmx):
    start_challenge(client, stubber)
    body = follow(client, NEW_PASSWORD_URL, htmx)
    username = input_named(body, "username")
    assert username["value"] == EMAIL
    assert username["autocomplete"] == "username"
    # Out of sight and untouchable, but not type="hidden" (password managers skip those).
    assert username["type"] == "email"
    assert "hidden" in username and "readonly" in username
    assert 'for="id_username"' not in body
    # Before the passwords, as a sign-in form has it.
    names = [a.get("name") for t, a in tags(body) if t == "input"]
    assert names.index("username") < names.index("password")


@BRANCHES
def test_after_an_error_the_account_is_still_named(client, stubber, htmx):
    start_challenge(client, stubber)
    data = {"password": "N3w-Passw0rd!", "password_confirm": "other", "username": "x@evil.test"}
    body = assert_rendered(post(client, NEW_PASSWORD_URL, data, htmx), htmx, 422)
    assert input_named(body, "username")["value"] == EMAIL
    assert "x@evil.test" not in body
