"""Issue 12, defect 6: a mistake on the reset page no longer costs what else was typed.

The code comes first (its own step); the new password on the next. Cognito takes both at once,
so the code waits in the server-side session. A refused code goes back to the code step (its
field in error); a refused password stays on the password step with the code kept. A password
is never rendered into a page."""

import pytest

from auth_ui import session

from .conftest import CLIENT_ID, POLICY_TEXT, client_error
from .pages import (
    BRANCHES,
    DELIVERY,
    EMAIL,
    FORGOT_URL,
    HTMX,
    PASSWORD,
    RESET_URL,
    SIGN_IN_URL,
    alert,
    assert_field_error,
    assert_rendered,
    assert_step,
    follow,
    input_named,
    label,
    message,
    post,
    session_of,
)

pytestmark = pytest.mark.django_db

PASSWORDS = {"password": PASSWORD, "password_confirm": PASSWORD}


def forgot(client, stubber):
    stubber.add_response("forgot_password", DELIVERY)
    client.post(FORGOT_URL, {"email": EMAIL})


def take_code(client, htmx, code="654321"):
    response = post(client, RESET_URL, {"email": EMAIL, "code": code}, htmx)
    assert_step(response, htmx, RESET_URL, replace=True)


def expect_reset(stubber, code="654321"):
    params = {"ClientId": CLIENT_ID, "Username": EMAIL, "ConfirmationCode": code}
    stubber.add_response("confirm_forgot_password", {}, {**params, "Password": PASSWORD})


@BRANCHES
def test_the_code_step_takes_only_the_code(client, stubber, htmx):
    forgot(client, stubber)
    body = follow(client, RESET_URL, htmx)
    assert 'type="password"' not in body
    assert input_named(body, "email")["type"] == "hidden"
    assert "autofocus" in input_named(body, "code")
    take_code(client, htmx)  # Cognito is not asked yet (the Stubber has nothing queued)


@BRANCHES
def test_the_password_step_names_the_account_for_password_managers(client, stubber, htmx):
    forgot(client, stubber)
    take_code(client, htmx)
    body = follow(client, RESET_URL, htmx)
    assert label(body, "id_password") == "New password"
    assert "autofocus" in input_named(body, "password")
    username = input_named(body, "username")
    assert username["value"] == EMAIL
    assert username["autocomplete"] == "username"
    assert "hidden" in username and "readonly" in username
    assert "654321" not in body  # nor the code


@BRANCHES
def test_both_go_to_cognito_together(client, stubber, htmx):
    forgot(client, stubber)
    take_code(client, htmx)
    expect_reset(stubber)
    response = post(client, RESET_URL, PASSWORDS, htmx)
    assert_step(response, htmx, SIGN_IN_URL)
    assert session.pending_reset_code(session_of(client)) is None
    assert "Your password has been changed." in follow(client, SIGN_IN_URL, False)


@BRANCHES
@pytest.mark.parametrize("code", ["CodeMismatchException", "ExpiredCodeException"])
def test_a_refused_code_goes_back_to_the_code_step(client, stubber, htmx, code):
    forgot(client, stubber)
    take_code(client, htmx)
    client_error(stubber, "confirm_forgot_password", code)
    body = assert_rendered(post(client, RESET_URL, PASSWORDS, htmx), htmx, 422)
    field = assert_field_error(body, "code", message(code))
    assert field.get("value", "") == ""  # cleared, ready for the next code
    assert input_named(body, "email")["value"] == EMAIL
    assert 'type="password"' not in body
    assert PASSWORD not in body
    # The next code typed goes on to the password step again.
    take_code(client, htmx, "111111")
    assert session.pending_reset_code(session_of(client)) == (EMAIL, "111111")


@BRANCHES
def test_too_many_wrong_codes_go_back_to_the_code_step_to_ask_for_another(client, stubber, htmx):
    forgot(client, stubber)
    take_code(client, htmx)
    client_error(stubber, "confirm_forgot_password", "LimitExceededException")
    body = assert_rendered(post(client, RESET_URL, PASSWORDS, htmx), htmx, 429)
    assert alert(body) == [message("LimitExceededException")]
    assert "Resend code" in body
    assert session.pending_reset_code(session_of(client)) is None


@BRANCHES
def test_a_weak_password_keeps_the_code(client, stubber, htmx):
    forgot(client, stubber)
    take_code(client, htmx)
    weak = {"password": "weakpassword", "password_confirm": "weakpassword"}
    body = assert_rendered(post(client, RESET_URL, weak, htmx), htmx, 422)
    assert_field_error(body, "password", "Choose a stronger password.")
    assert POLICY_TEXT in body
    assert "weakpassword" not in body
    assert 'name="code"' not in body  # not asked for again
    expect_reset(stubber)
    assert_step(post(client, RESET_URL, PASSWORDS, htmx), htmx, SIGN_IN_URL)


@BRANCHES
def test_mismatched_passwords_keep_the_code(client, stubber, htmx):
    forgot(client, stubber)
    take_code(client, htmx)
    data = {"password": PASSWORD, "password_confirm": PASSWORD + "x"}
    body = assert_rendered(post(client, RESET_URL, data, htmx), htmx, 422)
    assert_field_error(body, "password_confirm", "The two passwords don't match.")
    assert PASSWORD not in body
    assert session.pending_reset_code(session_of(client)) == (EMAIL, "654321")


def test_a_posted_username_is_not_trusted(client, stubber):
    forgot(client, stubber)
    take_code(client, False)
    expect_reset(stubber)  # the account whose code was taken, whatever the page sends
    client.post(RESET_URL, {**PASSWORDS, "username": "mallory@example.com"})


def test_a_new_code_asked_for_starts_the_code_step_again(client, stubber):
    forgot(client, stubber)
    take_code(client, False)
    forgot(client, stubber)
    assert session.pending_reset_code(session_of(client)) is None
    body = follow(client, RESET_URL, False)
    assert 'name="code"' in body


def test_change_starts_over_with_the_address(client, stubber):
    forgot(client, stubber)
    body = follow(client, RESET_URL, False)
    assert f'href="{FORGOT_URL}?email=ada.lovelace%40example.com"' in body
    response = client.get(f"{FORGOT_URL}?email=ada.lovelace%40example.com", **HTMX)
    assert input_named(response.content.decode(), "email")["value"] == EMAIL
