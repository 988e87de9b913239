"""Two-step verification settings and the phone number behind text-message codes."""

import pytest
from django.core.cache import cache

from auth_ui import session

from .conftest import POOL_ID, client_error, expect_get_user
from .pages import (
    AWS_TEXT,
    BRANCHES,
    EMAIL,
    HTMX,
    PASSWORD,
    SIGN_IN_URL,
    alert,
    assert_form,
    assert_refusal,
    assert_rendered,
    assert_step,
    field_error,
    follow,
    input_named,
    message,
    post,
    session_of,
)

pytestmark = pytest.mark.django_db

ACCESS = "access-token"
SECURITY_URL = "/account/security/"
APP_URL = "/account/security/app/"
PHONE_URL = "/account/phone/"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
ALL = ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"]


@pytest.fixture
def pool_mfa():
    """The pool's MFA configuration, as if GetUserPoolMfaConfig had been read and cached."""

    def set_to(mode="OPTIONAL", methods=ALL):
        cache.set(f"cognito:pool-mfa:{POOL_ID}", {"mode": mode, "methods": list(methods)})

    set_to()
    return set_to


@pytest.fixture
def signed_in(client, stubber, auth_result, pool_mfa):
    stubber.add_response("initiate_auth", auth_result(email=EMAIL))
    assert client.post(SIGN_IN_URL, {"email": EMAIL, "password": PASSWORD}).status_code == 302
    return client


def user_with(stubber, methods=(), preferred="", **attributes):
    expect_get_user(stubber, email=EMAIL, mfa=methods, preferred=preferred, **attributes)


def expect_preference(stubber, setting, enabled, preferred):
    stubber.add_response(
        "set_user_mfa_preference",
        {},
        {"AccessToken": ACCESS, setting: {"Enabled": enabled, "PreferredMfa": preferred}},
    )


def headers(htmx):
    return HTMX if htmx else {}


@BRANCHES
def test_the_page_lists_the_pools_methods_with_their_state(signed_in, stubber, htmx):
    user_with(stubber, methods=["EMAIL_OTP"], preferred="EMAIL_OTP")
    body = assert_rendered(signed_in.get(SECURITY_URL, **headers(htmx)), htmx, 200)
    for name in ("Authenticator app", "Text message", "Email"):
        assert f">{name}</h2>" in body
    assert "Set up an authenticator app" in body
    assert "Add a phone number" in body
    assert 'data-testid="mfa-state-EMAIL_OTP">' in body and "Preferred" in body


def test_only_the_methods_the_pool_allows(signed_in, stubber, pool_mfa):
    pool_mfa("ON", ["SOFTWARE_TOKEN_MFA"])
    user_with(stubber, methods=["SOFTWARE_TOKEN_MFA"], preferred="SOFTWARE_TOKEN_MFA")
    body = assert_rendered(signed_in.get(SECURITY_URL), False, 200)
    assert ">Authenticator app</h2>" in body and ">Text message</h2>" not in body
    assert "This site requires a second step" in body
    assert 'value="off"' not in body  # the only method, and the pool requires one
    assert "Required: it's your only method" in body


@BRANCHES
def test_set_up_an_authenticator_app(signed_in, stubber, htmx):
    stubber.add_response(
        "associate_software_token", {"SecretCode": SECRET}, {"AccessToken": ACCESS}
    )
    body = assert_rendered(signed_in.get(APP_URL, **headers(htmx)), htmx, 200)
    assert_form(
        body,
        labels={"code": "Authentication code"},
        autocomplete={"code": "one-time-code"},
        buttons=["Verify"],
    )
    assert 'value="JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP"' in body and "<svg" in body
    assert 'value="JBSW Y3DP' in follow(signed_in, APP_URL, htmx)  # the same key on a reload

    stubber.add_response(
        "verify_software_token",
        {"Status": "SUCCESS"},
        {"AccessToken": ACCESS, "UserCode": "123456"},
    )
    user_with(stubber)
    expect_preference(stubber, "SoftwareTokenMfaSettings", True, True)
    assert_step(post(signed_in, APP_URL, {"code": "123456"}, htmx), htmx, SECURITY_URL)
    assert session.pending_app_secret(session_of(signed_in)) == ""
    user_with(stubber, methods=["SOFTWARE_TOKEN_MFA"], preferred="SOFTWARE_TOKEN_MFA")
    assert "Your authenticator app is set up." in follow(signed_in, SECURITY_URL, htmx)


@pytest.mark.parametrize("code", ["EnableSoftwareTokenMFAException", "CodeMismatchException"])
def test_a_wrong_first_code_is_a_field_error(signed_in, stubber, code):
    stubber.add_response("associate_software_token", {"SecretCode": SECRET})
    client_error(stubber, "verify_software_token", code, AWS_TEXT)
    body = assert_rendered(signed_in.post(APP_URL, {"code": "000000"}), False, 422)
    assert_refusal(body, "code", "That code isn't right. Enter the code your app shows now.")
    assert session.pending_app_secret(session_of(signed_in)) == SECRET


def test_a_second_method_is_not_preferred_over_the_first(signed_in, stubber):
    user_with(stubber, methods=["SOFTWARE_TOKEN_MFA"], preferred="SOFTWARE_TOKEN_MFA")
    expect_preference(stubber, "EmailMfaSettings", True, False)
    response = signed_in.post(SECURITY_URL, {"action": "on", "method": "EMAIL_OTP"})
    assert_step(response, False, SECURITY_URL)


@pytest.mark.parametrize(
    ("method", "attributes", "code"),
    [
        ("SMS_MFA", {}, "PhoneNotVerified"),
        (
            "SMS_MFA",
            {"phone_number": "+447700900123", "phone_number_verified": "false"},
            "PhoneNotVerified",
        ),
        ("EMAIL_OTP", {"verified": False}, "EmailNotVerified"),
        ("SOFTWARE_TOKEN_MFA", {}, "AppNotSetUp"),
    ],
)
def test_a_method_needs_what_it_sends_to(signed_in, stubber, method, attributes, code):
    user_with(stubber, **attributes)
    user_with(stubber, **attributes)  # the page again, with the refusal
    response = signed_in.post(SECURITY_URL, {"action": "on", "method": method})
    assert alert(assert_rendered(response, False, 422)) == [message(code)]


def test_text_messages_with_a_verified_phone(signed_in, stubber):
    user_with(stubber, phone_number="+447700900123", phone_number_verified="true")
    expect_preference(stubber, "SMSMfaSettings", True, True)
    assert_step(
        signed_in.post(SECURITY_URL, {"action": "on", "method": "SMS_MFA"}), False, SECURITY_URL
    )


def test_the_last_method_stays_on_when_the_pool_requires_one(signed_in, stubber, pool_mfa):
    pool_mfa("ON")
    user_with(stubber, methods=["EMAIL_OTP"], preferred="EMAIL_OTP")
    user_with(stubber, methods=["EMAIL_OTP"], preferred="EMAIL_OTP")
    response = signed_in.post(SECURITY_URL, {"action": "off", "method": "EMAIL_OTP"})
    assert alert(assert_rendered(response, False, 422)) == [message("MfaRequired")]


def test_turn_off_and_prefer(signed_in, stubber):
    both = {"methods": ["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"], "preferred": "SOFTWARE_TOKEN_MFA"}
    user_with(stubber, **both)
    expect_preference(stubber, "EmailMfaSettings", True, True)
    assert_step(
        signed_in.post(SECURITY_URL, {"action": "prefer", "method": "EMAIL_OTP"}),
        False,
        SECURITY_URL,
    )
    user_with(stubber, **both)
    expect_preference(stubber, "SoftwareTokenMfaSettings", False, False)
    assert_step(
        signed_in.post(SECURITY_URL, {"action": "off", "method": "SOFTWARE_TOKEN_MFA"}),
        False,
        SECURITY_URL,
    )


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"action": "on", "method": "CARRIER_PIGEON"},
        {"action": "explode", "method": "EMAIL_OTP"},
    ],
)
def test_an_unknown_action_is_a_bad_request(signed_in, data):
    assert signed_in.post(SECURITY_URL, data).status_code == 400


# --- the phone number -------------------------------------------------------------------------


@BRANCHES
def test_add_a_phone_number_with_its_code(signed_in, stubber, htmx):
    body = assert_rendered(signed_in.get(PHONE_URL, **headers(htmx)), htmx, 200)
    assert_form(
        body,
        labels={"phone_number": "Phone number"},
        autocomplete={"phone_number": "tel"},
        buttons=["Send code"],
    )
    assert input_named(body, "phone_number")["type"] == "tel"
    stubber.add_response(
        "update_user_attributes",
        {},
        {
            "AccessToken": ACCESS,
            "UserAttributes": [{"Name": "phone_number", "Value": "+447700900123"}],
        },
    )
    assert_step(
        post(signed_in, PHONE_URL, {"phone_number": "+44 7700 900-123"}, htmx),
        htmx,
        PHONE_URL,
        replace=True,  # the code step comes on the same URL: no new history entry
    )
    body = follow(signed_in, PHONE_URL, htmx)
    assert "We texted a code to +447700900123." in body
    assert_form(
        body,
        labels={"code": "Verification code"},
        buttons=["Verify", "Resend code", "Use a different number"],
    )
    stubber.add_response(
        "verify_user_attribute",
        {},
        {"AccessToken": ACCESS, "AttributeName": "phone_number", "Code": "123456"},
    )
    user_with(stubber, phone_number="+447700900123", phone_number_verified="true")
    assert_step(post(signed_in, PHONE_URL, {"code": "123456"}, htmx), htmx, "/account/")


@pytest.mark.parametrize("number", ["07700900123", "+0 7700", "phone", "+4477009001234567"])
def test_a_phone_number_needs_its_country_code(signed_in, number):
    body = assert_rendered(signed_in.post(PHONE_URL, {"phone_number": number}), False, 422)
    assert (
        field_error(body, "phone_number")
        == "Enter the number with its country code, starting with +."
    )
    assert input_named(body, "phone_number")["value"] == number
