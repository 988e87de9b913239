"""Issue 12, defects 3, 10, 21 and 22: the confirm step says where the code went once, in the
person's own words; explains itself when nothing is known; and is left behind once confirmed."""

import re
from types import SimpleNamespace

import pytest
from django.utils.html import escape

from auth_ui import session

from .conftest import CLIENT_ID, client_error
from .pages import (
    ACCOUNT_URL,
    BRANCHES,
    CONFIRM_URL,
    DELIVERY,
    EMAIL,
    HTMX,
    PASSWORD,
    SIGN_IN_URL,
    SIGN_UP_URL,
    assert_field_error,
    assert_never_cached,
    assert_rendered,
    follow,
    input_named,
    label,
    message,
    post,
)

pytestmark = pytest.mark.django_db

LEAD = "Enter the 6-digit code we emailed you to confirm your address."
LEAD_UNKNOWN = (
    "Enter the email you signed up with and the 6-digit code we sent to it. "
    "No code, or it expired? Enter your email and choose “Resend code”."
)
SENT_TO = re.compile(
    r'Sent to <strong class="break-all">(.*?)</strong> · <a class="link" href="([^"]*)"'
)


def sign_up(client, stubber, htmx=False):
    stubber.add_response("sign_up", {"UserConfirmed": False, "UserSub": "sub-1", **DELIVERY})
    data = {"email": EMAIL, "password": PASSWORD, "password_confirm": PASSWORD}
    post(client, SIGN_UP_URL, data, htmx)


def confirm(client, stubber, htmx=False):
    stubber.add_response(
        "confirm_sign_up",
        {},
        {"ClientId": CLIENT_ID, "Username": EMAIL, "ConfirmationCode": "123456"},
    )
    return post(client, CONFIRM_URL, {"email": EMAIL, "code": "123456"}, htmx)


# --- 3 and 21: "Sent to … · Change", the address carried hidden --------------------------------


@BRANCHES
def test_after_sign_up_the_address_is_said_once_as_typed(client, stubber, htmx):
    sign_up(client, stubber, htmx)
    body = follow(client, CONFIRM_URL, htmx)
    [(sent_to, change)] = SENT_TO.findall(body)
    assert sent_to == escape(EMAIL)
    assert change == f"{CONFIRM_URL}?change=email"
    # No masked copy of what the person typed, and no notice repeating the lead.
    assert "a***@e***" not in body
    assert "Enter it below" not in body
    assert body.count(escape(LEAD)) == 1
    # The address rides along hidden: no second, editable email field.
    email = input_named(body, "email")
    assert (email["type"], email["value"]) == ("hidden", EMAIL)
    assert 'for="id_email"' not in body
    assert "autofocus" in input_named(body, "code")


@BRANCHES
def test_a_refused_code_keeps_the_address_hidden(client, stubber, htmx):
    sign_up(client, stubber)
    client_error(stubber, "confirm_sign_up", "CodeMismatchException")
    body = assert_rendered(
        post(client, CONFIRM_URL, {"email": EMAIL, "code": "123456"}, htmx), htmx, 422
    )
    assert SENT_TO.search(body)
    assert input_named(body, "email")["type"] == "hidden"
    assert_field_error(body, "code", message("CodeMismatchException"))


def test_change_shows_the_field_to_type_another_address(client, stubber):
    sign_up(client, stubber)
    body = assert_rendered(client.get(f"{CONFIRM_URL}?change=email"), False, 200)
    assert not SENT_TO.search(body)
    assert label(body, "id_email") == "Email"
    email = input_named(body, "email")
    assert (email["type"], email["value"]) == ("email", EMAIL)
    assert escape(LEAD_UNKNOWN) in body


def test_a_tampered_hidden_address_comes_back_as_a_field_to_correct(client, stubber):
    sign_up(client, stubber)
    data = {"email": EMAIL, "code": "123456"}
    client.post(CONFIRM_URL, {**data, "email": "x"})  # nothing sent to Cognito
    body = assert_rendered(client.post(CONFIRM_URL, {**data, "email": "x"}), False, 422)
    email = assert_field_error(body, "email", "Enter an email address like name@example.com.")
    assert email["type"] == "email"


@pytest.mark.parametrize("typed", ["123 456", "123-456", " 123 456 ", "123\u2013456"])
def test_codes_are_taken_as_people_paste_them(client, stubber, typed):
    stubber.add_response(
        "confirm_sign_up",
        {},
        {"ClientId": CLIENT_ID, "Username": EMAIL, "ConfirmationCode": "123456"},
    )
    response = client.post(CONFIRM_URL, {"email": EMAIL, "code": typed})
    assert response.status_code == 302


def test_the_code_field_helps_phones_and_password_managers(client):
    code = input_named(client.get(CONFIRM_URL).content.decode(), "code")
    assert code["autocomplete"] == "one-time-code"
    assert code["inputmode"] == "numeric"
    assert code["maxlength"] == "20"
    assert re.fullmatch(code["pattern"], "123-456")


# --- 22: a direct visit explains the step ------------------------------------------------------


@BRANCHES
def test_a_direct_visit_says_what_the_code_is_and_how_to_get_one(client, htmx):
    body = assert_rendered(client.get(CONFIRM_URL, **(HTMX if htmx else {})), htmx, 200)
    assert escape(LEAD_UNKNOWN) in body
    assert escape(LEAD) not in body
    assert not SENT_TO.search(body)
    assert input_named(body, "email")["type"] == "email"


# --- 10: Back after confirming -----------------------------------------------------------------


@BRANCHES
def test_the_step_asked_for_after_confirming_moves_on_to_sign_in(client, stubber, htmx):
    sign_up(client, stubber)
    confirm(client, stubber)
    client.get(SIGN_IN_URL)  # the "confirmed" notice is read there
    response = client.get(CONFIRM_URL, **(HTMX if htmx else {}))
    if htmx:
        assert response.status_code == 200
        assert response["HX-Redirect"] == SIGN_IN_URL
    else:
        assert response.status_code == 302
        assert response["Location"] == SIGN_IN_URL
    body = follow(client, SIGN_IN_URL, False)
    assert "Your email is already confirmed. Sign in to continue." in body
    assert input_named(body, "email")["value"] == EMAIL


def test_a_history_restore_gets_a_page_that_moves_on_by_itself(client, stubber):
    """htmx swaps in what Back's history restore gets, and follows no redirect: a meta refresh
    (no script) takes the browser on, with a link besides."""
    sign_up(client, stubber)
    confirm(client, stubber)
    response = client.get(CONFIRM_URL, **HTMX, HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<meta http-equiv="refresh" content="0; url={SIGN_IN_URL}">' in body
    assert f'<a class="link" href="{SIGN_IN_URL}">Continue</a>' in body
    assert "HX-Redirect" not in response


def test_another_address_still_gets_its_confirm_step(client, stubber):
    sign_up(client, stubber)
    confirm(client, stubber)
    store = client.session
    session.remember_email(SimpleNamespace(session=store), "grace@example.com")
    store.save()
    assert client.get(CONFIRM_URL).status_code == 200


@BRANCHES
def test_a_signed_in_person_goes_to_the_account(client, django_user_model, htmx):
    client.force_login(django_user_model.objects.create_user(username="ada"))
    response = client.get(CONFIRM_URL, **(HTMX if htmx else {}))
    if htmx:
        assert response["HX-Redirect"] == ACCOUNT_URL
    else:
        assert response.status_code == 302
        assert response["Location"] == ACCOUNT_URL


def test_the_step_is_never_stored_so_back_asks_again(client):
    response = client.get(CONFIRM_URL)
    assert_never_cached(response)
    assert "no-store" in response["Cache-Control"]
