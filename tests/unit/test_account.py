"""The account hub and each thing a signed-in person can change there, both branches, each
refusal; every call carries the session's access token."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from auth_ui import session
from auth_ui.models import CognitoIdentity

from .conftest import POLICY_TEXT, client_error, expect_get_user
from .pages import (
    ACCOUNT_URL,
    AWS_TEXT,
    BRANCHES,
    BUSY_OR_DOWN,
    EMAIL,
    HTMX,
    PASSWORD,
    SIGN_IN_URL,
    alert,
    assert_form,
    assert_navigates,
    assert_never_cached,
    assert_refusal,
    assert_rendered,
    assert_step,
    assert_strict_csp,
    buttons,
    field_error,
    follow,
    input_named,
    message,
    post,
    session_of,
)

pytestmark = pytest.mark.django_db

SUB = "3f1c2b7e-0000-4000-8000-000000000001"
ACCESS = "access-token"
PROFILE_URL = "/account/profile/"
EMAIL_URL = "/account/email/"
PASSWORD_URL = "/account/password/"
DELETE_URL = "/account/delete/"
NEW_EMAIL = "ada.new@example.com"
NEW_PASSWORD = "Brand-New-Pa55word!"
REVOKED = ("NotAuthorizedException", "Access Token has been revoked")


def sign_in(client, stubber, auth_result):
    stubber.add_response("initiate_auth", auth_result(sub=SUB, email=EMAIL))
    assert client.post(SIGN_IN_URL, {"email": EMAIL, "password": PASSWORD}).status_code == 302
    return client


@pytest.fixture
def signed_in(client, stubber, auth_result):
    return sign_in(client, stubber, auth_result)


def expect(stubber, method, params=None, response=None):
    stubber.add_response(method, response or {}, {"AccessToken": ACCESS, **(params or {})})


def headers(htmx):
    return HTMX if htmx else {}


def notice_on_account(client, stubber, text, htmx=False):
    expect_get_user(stubber, email=EMAIL)
    body = follow(client, ACCOUNT_URL, htmx)
    assert text in body
    return body


# --- the hub ----------------------------------------------------------------------------------


@BRANCHES
def test_the_hub_shows_each_section_with_its_action(signed_in, stubber, htmx):
    expect_get_user(stubber, email=EMAIL, name="Ada Lovelace")
    response = signed_in.get(ACCOUNT_URL, **headers(htmx))
    body = assert_rendered(response, htmx, 200)
    for heading in ("Profile", "Email", "Password", "Sessions", "Delete account"):
        assert f">{heading}</h2>" in body
    assert "Ada Lovelace" in body
    assert f'data-testid="account-email">{EMAIL}<' in body
    assert "Not verified" not in body
    for url in (PROFILE_URL, EMAIL_URL, PASSWORD_URL, DELETE_URL):
        assert f'href="{url}"' in body
    assert buttons(body) == ["Sign out", "Sign out everywhere"]
    assert ACCESS not in body and "refresh-token" not in body
    assert_never_cached(response)
    assert_strict_csp(response)


def test_an_unverified_email_offers_to_verify_it(signed_in, stubber):
    expect_get_user(stubber, email=EMAIL, verified=False)
    body = assert_rendered(signed_in.get(ACCOUNT_URL), False, 200)
    assert "Not verified" in body
    assert 'value="verify_current"' in body and "Verify email" in body


@pytest.mark.parametrize(("code", "field", "status"), BUSY_OR_DOWN)
def test_the_hub_without_cognito_says_so_and_shows_what_it_knows(
    signed_in, stubber, code, field, status
):
    client_error(stubber, "get_user", code, AWS_TEXT)
    body = assert_rendered(signed_in.get(ACCOUNT_URL), False, status)
    assert alert(body) == [message(code)]
    assert EMAIL in body


@BRANCHES
def test_a_revoked_session_is_sent_to_sign_in_and_back(signed_in, stubber, htmx):
    client_error(stubber, "get_user", *REVOKED)
    response = signed_in.get(ACCOUNT_URL, **headers(htmx))
    assert_navigates(response, htmx, "/auth/sign-in/?next=%2Faccount%2F")
    assert "_auth_user_id" not in signed_in.session
    assert "Your session has ended. Please sign in again." in follow(signed_in, SIGN_IN_URL, False)


def test_a_post_without_an_action_is_a_bad_request(signed_in):
    assert signed_in.post(ACCOUNT_URL).status_code == 400


# --- sign out everywhere ------------------------------------------------------------------------


@BRANCHES
def test_sign_out_everywhere_ends_every_session_of_this_person_now(
    client, stubber, auth_result, htmx
):
    elsewhere = sign_in(Client(), stubber, auth_result)  # the same person, another browser
    sign_in(client, stubber, auth_result)
    expect(stubber, "global_sign_out")
    response = post(client, ACCOUNT_URL, {"action": "sign_out_everywhere"}, htmx)
    assert_navigates(response, htmx, SIGN_IN_URL)
    assert "You have signed out everywhere." in follow(client, SIGN_IN_URL, False)
    assert "_auth_user_id" not in client.session
    assert CognitoIdentity.objects.get(sub=SUB).signed_out_at is not None
    # The other browser's next request finds its session over: no refresh, no Cognito call.
    assert_navigates(elsewhere.get(PASSWORD_URL), False, "/auth/sign-in/?next=/account/password/")
    assert "_auth_user_id" not in elsewhere.session
    # A new sign-in after the mark is a session like any other.
    sign_in(elsewhere, stubber, auth_result)
    assert elsewhere.get(PASSWORD_URL).status_code == 200


def test_sign_out_everywhere_when_cognito_is_down_keeps_the_session(signed_in, stubber):
    client_error(stubber, "global_sign_out", "InternalErrorException", AWS_TEXT, 500)
    expect_get_user(stubber, email=EMAIL)
    response = signed_in.post(ACCOUNT_URL, {"action": "sign_out_everywhere"})
    body = assert_rendered(response, False, 503)
    assert alert(body) == [message("InternalErrorException")]
    assert "_auth_user_id" in signed_in.session
    assert CognitoIdentity.objects.get(sub=SUB).signed_out_at is None


# --- profile ----------------------------------------------------------------------------------


@BRANCHES
def test_profile_saves_what_changed(signed_in, stubber, cognito_calls, htmx):
    expect_get_user(stubber, email=EMAIL, name="Ada")
    body = assert_rendered(signed_in.get(PROFILE_URL, **headers(htmx)), htmx, 200)
    assert_form(body, labels={"name": "Name"}, autocomplete={"name": "name"}, buttons=["Save"])
    assert input_named(body, "name")["value"] == "Ada"
    expect_get_user(stubber, email=EMAIL, name="Ada")
    expect(
        stubber, "update_user_attributes", {"UserAttributes": [{"Name": "name", "Value": "Ada L."}]}
    )
    response = post(signed_in, PROFILE_URL, {"name": "Ada L."}, htmx)
    assert_step(response, htmx, ACCOUNT_URL)
    assert [op for op, _ in cognito_calls] == ["GetUser", "GetUser", "UpdateUserAttributes"]
    notice_on_account(signed_in, stubber, "Your profile has been saved.")


def test_an_emptied_attribute_is_deleted_and_an_unchanged_one_not_sent(
    signed_in, stubber, settings, cognito_calls
):
    settings.COGNITO_PROFILE_ATTRIBUTES = ["given_name", "family_name"]
    expect_get_user(stubber, email=EMAIL, given_name="Ada", family_name="Lovelace")
    expect(stubber, "delete_user_attributes", {"UserAttributeNames": ["family_name"]})
    response = signed_in.post(PROFILE_URL, {"given_name": "Ada", "family_name": ""})
    assert_step(response, False, ACCOUNT_URL)
    assert [op for op, _ in cognito_calls] == ["GetUser", "DeleteUserAttributes"]


def test_profile_labels_follow_the_configured_attributes(signed_in, stubber, settings):
    settings.COGNITO_PROFILE_ATTRIBUTES = ["given_name", "family_name"]
    expect_get_user(stubber, email=EMAIL)
    body = assert_rendered(signed_in.get(PROFILE_URL), False, 200)
    assert_form(
        body,
        labels={"given_name": "Given name", "family_name": "Family name"},
        autocomplete={"given_name": "given-name", "family_name": "family-name"},
        buttons=["Save"],
    )


@pytest.mark.parametrize(
    ("code", "field", "status"), [("InvalidParameterException", None, 422), *BUSY_OR_DOWN]
)
def test_profile_refusals_keep_what_was_typed(signed_in, stubber, code, field, status):
    expect_get_user(stubber, email=EMAIL, name="Ada")
    client_error(stubber, "update_user_attributes", code, AWS_TEXT)
    body = assert_rendered(signed_in.post(PROFILE_URL, {"name": "Ada L."}), False, status)
    assert_refusal(body, field, message(code))
    assert input_named(body, "name")["value"] == "Ada L."


# --- email ------------------------------------------------------------------------------------


@BRANCHES
def test_change_email_sends_a_code_then_verifies_it(signed_in, stubber, htmx, django_user_model):
    body = assert_rendered(signed_in.get(EMAIL_URL, **headers(htmx)), htmx, 200)
    assert_form(
        body, labels={"email": "New email"}, autocomplete={"email": "email"}, buttons=["Send code"]
    )
    assert EMAIL in body  # "You sign in as …"

    delivery = {
        "CodeDeliveryDetailsList": [
            {"Destination": "a***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
        ]
    }
    expect(
        stubber,
        "update_user_attributes",
        {"UserAttributes": [{"Name": "email", "Value": NEW_EMAIL}]},
        delivery,
    )
    response = post(signed_in, EMAIL_URL, {"email": NEW_EMAIL}, htmx)
    assert_step(response, htmx, EMAIL_URL, replace=True)  # the same URL: no new history entry
    assert session.pending_attribute_change(session_of(signed_in), "email") == NEW_EMAIL

    body = follow(signed_in, EMAIL_URL, htmx)
    assert_form(
        body,
        labels={"code": "Verification code"},
        autocomplete={"code": "one-time-code"},
        buttons=["Verify", "Resend code", "Use a different email"],
    )
    assert f"We sent a code to {NEW_EMAIL}" in body
    assert "Until you enter it, the one you had stays in use." in body

    expect(stubber, "verify_user_attribute", {"AttributeName": "email", "Code": "123456"})
    expect_get_user(stubber, email=NEW_EMAIL)
    response = post(signed_in, EMAIL_URL, {"code": "123 456"}, htmx)
    assert_step(response, htmx, ACCOUNT_URL)
    assert django_user_model.objects.get().email == NEW_EMAIL
    assert session.pending_attribute_change(session_of(signed_in), "email") == ""
    expect_get_user(stubber, email=NEW_EMAIL)
    assert f"Your email address is now {NEW_EMAIL}." in follow(signed_in, ACCOUNT_URL, False)


def start_email_change(client, stubber):
    change = {"UserAttributes": [{"Name": "email", "Value": NEW_EMAIL}]}
    expect(stubber, "update_user_attributes", change)
    client.post(EMAIL_URL, {"email": NEW_EMAIL})


@pytest.mark.parametrize(
    ("code", "field", "shown", "status"),
    [
        ("AliasExistsException", "email", "Another account already uses this email address.", 422),
        ("InvalidParameterException", None, message("InvalidParameterException"), 422),
        ("LimitExceededException", None, message("LimitExceededException"), 429),
    ],
)
def test_change_email_refusals(signed_in, stubber, code, field, shown, status):
    client_error(stubber, "update_user_attributes", code, AWS_TEXT)
    body = assert_rendered(signed_in.post(EMAIL_URL, {"email": NEW_EMAIL}), False, status)
    assert_refusal(body, field, shown)
    assert input_named(body, "email")["value"] == NEW_EMAIL
    assert session.pending_attribute_change(session_of(signed_in), "email") == ""


def test_a_new_email_must_be_an_email(signed_in):
    body = assert_rendered(signed_in.post(EMAIL_URL, {"email": "nope"}), False, 422)
    assert field_error(body, "email") == "Enter an email address like name@example.com."


@pytest.mark.parametrize("code", ["CodeMismatchException", "ExpiredCodeException"])
def test_a_wrong_or_expired_email_code_is_a_field_error(signed_in, stubber, code):
    start_email_change(signed_in, stubber)
    client_error(stubber, "verify_user_attribute", code, AWS_TEXT)
    body = assert_rendered(signed_in.post(EMAIL_URL, {"code": "123456"}), False, 422)
    assert_refusal(body, "code", message(code))
    assert session.pending_attribute_change(session_of(signed_in), "email") == NEW_EMAIL


def test_resend_and_start_over(signed_in, stubber):
    start_email_change(signed_in, stubber)
    expect(
        stubber,
        "get_user_attribute_verification_code",
        {"AttributeName": "email"},
        {"CodeDeliveryDetails": {"Destination": "a***@e***"}},
    )
    assert_step(signed_in.post(EMAIL_URL, {"action": "resend", "code": "12"}), False, EMAIL_URL)
    page = follow(signed_in, EMAIL_URL, False)
    assert f"We sent a new code to {NEW_EMAIL}." in page
    # "Resend code" rests after a resend, counting down, as on every code step.
    resend = re.search(r'<button[^>]*value="resend"[^>]*>', page).group(0)
    assert "disabled" in resend and 'data-wait-seconds="' in resend
    assert_step(signed_in.post(EMAIL_URL, {"action": "other"}), False, EMAIL_URL)
    assert session.pending_attribute_change(session_of(signed_in), "email") == ""
    assert input_named(follow(signed_in, EMAIL_URL, False), "email")


def test_an_unverified_current_email_gets_its_code(signed_in, stubber):
    expect_get_user(stubber, email=EMAIL, verified=False)
    expect(
        stubber,
        "get_user_attribute_verification_code",
        {"AttributeName": "email"},
        {"CodeDeliveryDetails": {"Destination": "a***@e***"}},
    )
    assert_step(signed_in.post(EMAIL_URL, {"action": "verify_current"}), False, EMAIL_URL)
    assert session.pending_attribute_change(session_of(signed_in), "email") == EMAIL
    assert f"We sent a new code to {EMAIL}." in follow(signed_in, EMAIL_URL, False)


# --- password ---------------------------------------------------------------------------------


def password_data(current=PASSWORD, new=NEW_PASSWORD, confirm=None):
    return {"current_password": current, "password": new, "password_confirm": confirm or new}


@BRANCHES
def test_change_password(signed_in, stubber, htmx):
    body = assert_rendered(signed_in.get(PASSWORD_URL, **headers(htmx)), htmx, 200)
    assert_form(
        body,
        labels={
            "current_password": "Current password",
            "password": "New password",
            "password_confirm": "Confirm password",
        },
        autocomplete={
            "current_password": "current-password",
            "password": "new-password",
            "password_confirm": "new-password",
        },
        buttons=["Change password"],
    )
    assert POLICY_TEXT in body
    expect(
        stubber, "change_password", {"PreviousPassword": PASSWORD, "ProposedPassword": NEW_PASSWORD}
    )
    response = post(signed_in, PASSWORD_URL, password_data(), htmx)
    assert_step(response, htmx, ACCOUNT_URL)
    assert NEW_PASSWORD not in response.content.decode()
    notice_on_account(signed_in, stubber, "Your password has been changed.")


@BRANCHES
def test_a_wrong_current_password_is_its_field_error(signed_in, stubber, htmx):
    client_error(
        stubber, "change_password", "NotAuthorizedException", "Incorrect username or password."
    )
    body = assert_rendered(post(signed_in, PASSWORD_URL, password_data(), htmx), htmx, 422)
    assert_refusal(body, "current_password", "That isn't your current password.")
    assert PASSWORD not in body and NEW_PASSWORD not in body
    assert "_auth_user_id" in signed_in.session


def test_wrong_current_passwords_count_toward_the_sign_in_limit(signed_in, stubber, settings):
    settings.AUTH_RATE_LIMITS = {"sign_in_failed": "2/5m/key"}
    for _ in range(2):
        client_error(
            stubber, "change_password", "NotAuthorizedException", "Incorrect username or password."
        )
        assert signed_in.post(PASSWORD_URL, password_data()).status_code == 422
    assert signed_in.post(PASSWORD_URL, password_data()).status_code == 429


def test_a_weak_new_password_is_refused_before_cognito_is_asked(signed_in):
    body = assert_rendered(signed_in.post(PASSWORD_URL, password_data(new="weak")), False, 422)
    # The policy is the field's help text: said once, not again as the error.
    assert field_error(body, "password") == "Choose a stronger password."
    assert body.count(POLICY_TEXT) == 1


def test_the_new_password_is_typed_twice(signed_in):
    body = assert_rendered(
        signed_in.post(PASSWORD_URL, password_data(confirm="Other-Pa55word!")), False, 422
    )
    assert field_error(body, "password_confirm") == "The two passwords don't match."


@pytest.mark.parametrize(
    ("code", "field", "status"), [("PasswordAttemptsExceeded", None, 429), *BUSY_OR_DOWN]
)
def test_change_password_refusals(signed_in, stubber, code, field, status):
    aws = "Password attempts exceeded" if code == "PasswordAttemptsExceeded" else AWS_TEXT
    client_error(
        stubber,
        "change_password",
        "NotAuthorizedException" if code == "PasswordAttemptsExceeded" else code,
        aws,
    )
    body = assert_rendered(signed_in.post(PASSWORD_URL, password_data()), False, status)
    assert_refusal(body, field, message(code))


# --- delete -----------------------------------------------------------------------------------


@BRANCHES
def test_delete_account(signed_in, stubber, htmx, django_user_model):
    body = assert_rendered(signed_in.get(DELETE_URL, **headers(htmx)), htmx, 200)
    assert_form(
        body, labels={"email": "Email"}, autocomplete={"email": "email"}, buttons=["Delete account"]
    )
    assert 'class="btn-danger"' in body
    user = django_user_model.objects.get()
    expect(stubber, "delete_user")
    response = post(signed_in, DELETE_URL, {"email": EMAIL.upper()}, htmx)
    assert_navigates(response, htmx, SIGN_IN_URL)
    assert "Your account has been deleted." in follow(signed_in, SIGN_IN_URL, False)
    user.refresh_from_db()
    assert (user.is_active, user.email, user.username) == (False, "", f"deleted-{user.pk}")
    assert not CognitoIdentity.objects.exists()
    # Nothing of the person remains in the session.
    assert "_auth_user_id" not in signed_in.session
    assert session.stored_tokens(session_of(signed_in)) is None
    assert session.remembered_email(session_of(signed_in)) == ""


def test_delete_needs_this_accounts_email(signed_in, stubber):
    body = assert_rendered(signed_in.post(DELETE_URL, {"email": "someone@example.com"}), False, 422)
    assert field_error(body, "email") == "Type the email address of this account to confirm."
    assert get_user_model().objects.get().is_active


# --- the session behind every action ----------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (PASSWORD_URL, password_data()),
        (DELETE_URL, {"email": EMAIL}),
        (EMAIL_URL, {"email": NEW_EMAIL}),
    ],
)
def test_a_revoked_token_mid_action_signs_in_again_and_comes_back(signed_in, stubber, url, data):
    method = {
        PASSWORD_URL: "change_password",
        DELETE_URL: "delete_user",
        EMAIL_URL: "update_user_attributes",
    }[url]
    client_error(stubber, method, *REVOKED)
    response = signed_in.post(url, data)
    assert_navigates(response, False, f"/auth/sign-in/?next={url.replace('/', '%2F')}")
    assert "_auth_user_id" not in signed_in.session
    assert get_user_model().objects.get().is_active


def test_an_expired_access_token_is_refreshed_once_and_the_action_retried(
    signed_in, stubber, make_id_token
):
    client_error(stubber, "change_password", "NotAuthorizedException", "Access Token has expired")
    stubber.add_response(
        "initiate_auth",
        {
            "AuthenticationResult": {
                "IdToken": make_id_token(sub=SUB, email=EMAIL),
                "AccessToken": "fresh-access",
            }
        },
    )
    stubber.add_response(
        "change_password",
        {},
        {
            "AccessToken": "fresh-access",
            "PreviousPassword": PASSWORD,
            "ProposedPassword": NEW_PASSWORD,
        },
    )
    assert_step(signed_in.post(PASSWORD_URL, password_data()), False, ACCOUNT_URL)


def test_account_pages_need_a_signed_in_person(client):
    for url in (PROFILE_URL, EMAIL_URL, PASSWORD_URL, DELETE_URL):
        assert_navigates(client.get(url), False, f"/auth/sign-in/?next={url}")
        assert_navigates(client.post(url, {}), False, f"/auth/sign-in/?next={url}")
