"""Sign-in's MFA stages: a code from an app, a text or an email; choosing a method; setting up
an authenticator app in the middle of signing in. Both branches, each refusal."""

import json

import pytest

from auth_ui import session

from .conftest import CLIENT_ID, client_error
from .pages import (
    ACCOUNT_URL,
    AWS_TEXT,
    BRANCHES,
    EMAIL,
    PASSWORD,
    SIGN_IN_URL,
    alert,
    assert_form,
    assert_navigates,
    assert_refusal,
    assert_rendered,
    assert_step,
    buttons,
    field_error,
    follow,
    input_named,
    message,
    post,
    session_of,
)

pytestmark = pytest.mark.django_db

SUB = "3f1c2b7e-0000-4000-8000-0000000000f1"
CODE_URL = "/auth/mfa/"
CHOOSE_URL = "/auth/mfa/choose/"
SETUP_URL = "/auth/mfa/setup/"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
S1, S2, S3 = ("session-one-" + "x" * 20, "session-two-" + "x" * 20, "session-three-" + "x" * 20)


def challenge(name, session=S1, **parameters):
    return {"ChallengeName": name, "Session": session, "ChallengeParameters": parameters}


def start(client, stubber, htmx, answer, **data):
    stubber.add_response(
        "initiate_auth",
        answer,
        {
            "ClientId": CLIENT_ID,
            "AuthFlow": "USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": EMAIL, "PASSWORD": PASSWORD},
        },
    )
    return post(client, SIGN_IN_URL, {"email": EMAIL, "password": PASSWORD, **data}, htmx)


def expect_answer(stubber, name, responses, response, session=S1):
    stubber.add_response(
        "respond_to_auth_challenge",
        response,
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": name,
            "Session": session,
            "ChallengeResponses": {"USERNAME": EMAIL, **responses},
        },
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


CODE_CHALLENGES = [
    ("SOFTWARE_TOKEN_MFA", "SOFTWARE_TOKEN_MFA_CODE", {}, "Open your authenticator app"),
    (
        "SMS_MFA",
        "SMS_MFA_CODE",
        {"CODE_DELIVERY_DESTINATION": "+*******1234", "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS"},
        "We texted a code to +*******1234.",
    ),
    (
        "EMAIL_OTP",
        "EMAIL_OTP_CODE",
        {"CODE_DELIVERY_DESTINATION": "a***@e***", "CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL"},
        "We emailed a code to a***@e***.",
    ),
]


@BRANCHES
@pytest.mark.parametrize(("name", "key", "parameters", "says"), CODE_CHALLENGES)
def test_a_code_challenge_then_signed_in(
    client, stubber, auth_result, htmx, name, key, parameters, says
):
    response = start(client, stubber, htmx, challenge(name, **parameters), next="/account/?tab=1")
    assert_step(response, htmx, CODE_URL)
    assert not signed_in(client)
    body = follow(client, CODE_URL, htmx)
    assert says in body
    assert_form(
        body,
        labels={"code": "Authentication code"},
        autocomplete={"code": "one-time-code"},
        buttons=["Verify"],
    )
    assert input_named(body, "code")["inputmode"] == "numeric"
    expect_answer(stubber, name, {key: "123456"}, auth_result(sub=SUB, email=EMAIL))
    response = post(client, CODE_URL, {"code": "123 456"}, htmx)
    assert_navigates(response, htmx, "/account/?tab=1")
    assert signed_in(client)
    assert session.pending_sign_in(session_of(client)) is None


@BRANCHES
@pytest.mark.parametrize(
    ("code", "field", "shown", "status"),
    [
        # In words for a code from an app, a text or an email (not "the latest email").
        ("CodeMismatchException", "code", "That code isn't right. Try again.", 422),
        (
            "ExpiredCodeException",
            "code",
            "That code can't be used again. Enter the next one.",
            422,
        ),
        ("TooManyRequestsException", None, message("TooManyRequestsException"), 429),
        ("InternalErrorException", None, message("InternalErrorException"), 503),
    ],
)
def test_code_refusals_keep_the_stage(client, stubber, htmx, code, field, shown, status):
    start(client, stubber, htmx, challenge("SOFTWARE_TOKEN_MFA"))
    client_error(stubber, "respond_to_auth_challenge", code, AWS_TEXT)
    body = assert_rendered(post(client, CODE_URL, {"code": "123456"}, htmx), htmx, status)
    assert_refusal(body, field, shown)
    assert session.pending_sign_in(session_of(client)) is not None
    assert not signed_in(client)


def test_a_code_must_have_six_digits(client, stubber):
    start(client, stubber, False, challenge("EMAIL_OTP"))
    body = assert_rendered(client.post(CODE_URL, {"code": "12"}), False, 422)
    assert field_error(body, "code") == "Enter the 6-digit code."


@BRANCHES
def test_an_expired_mfa_session_goes_back_to_sign_in(client, stubber, htmx):
    start(client, stubber, htmx, challenge("SMS_MFA", CODE_DELIVERY_DESTINATION="+*******1234"))
    client_error(
        stubber,
        "respond_to_auth_challenge",
        "NotAuthorizedException",
        "Invalid session for the user, session is expired.",
    )
    assert_step(post(client, CODE_URL, {"code": "123456"}, htmx), htmx, SIGN_IN_URL)
    assert message("SessionExpired") in follow(client, SIGN_IN_URL, htmx)
    assert session.pending_sign_in(session_of(client)) is None


@pytest.mark.parametrize("url", [CODE_URL, CHOOSE_URL, SETUP_URL])
def test_mfa_pages_without_a_pending_sign_in_go_to_sign_in(client, url):
    assert_navigates(client.get(url), False, SIGN_IN_URL)
    assert_navigates(client.post(url, {"code": "123456"}), False, SIGN_IN_URL)


def test_a_code_page_does_not_answer_another_stage(client, stubber):
    start(client, stubber, False, challenge("MFA_SETUP", MFAS_CAN_SETUP='["SOFTWARE_TOKEN_MFA"]'))
    assert_navigates(client.post(CODE_URL, {"code": "123456"}), False, SIGN_IN_URL)


# --- SELECT_MFA_TYPE ----------------------------------------------------------------------------


@BRANCHES
def test_choose_a_method_then_its_code(client, stubber, htmx):
    offered = json.dumps(["SOFTWARE_TOKEN_MFA", "EMAIL_OTP"])
    assert_step(
        start(client, stubber, htmx, challenge("SELECT_MFA_TYPE", MFAS_CAN_CHOOSE=offered)),
        htmx,
        CHOOSE_URL,
    )
    body = follow(client, CHOOSE_URL, htmx)
    assert buttons(body) == ["Authenticator app", "Email"]  # only those offered
    expect_answer(
        stubber,
        "SELECT_MFA_TYPE",
        {"ANSWER": "EMAIL_OTP"},
        challenge("EMAIL_OTP", S2, CODE_DELIVERY_DESTINATION="a***@e***"),
    )
    assert_step(post(client, CHOOSE_URL, {"method": "EMAIL_OTP"}, htmx), htmx, CODE_URL)
    assert "We emailed a code to a***@e***." in follow(client, CODE_URL, htmx)
    assert session.pending_sign_in(session_of(client)).challenge.session == S2


def test_a_method_not_offered_is_refused(client, stubber):
    start(client, stubber, False, challenge("SELECT_MFA_TYPE", MFAS_CAN_CHOOSE='["SMS_MFA"]'))
    body = assert_rendered(client.post(CHOOSE_URL, {"method": "EMAIL_OTP"}), False, 422)
    assert alert(body) == [message("InvalidParameterException")]


# --- MFA_SETUP ----------------------------------------------------------------------------------


@BRANCHES
def test_set_up_an_authenticator_app_while_signing_in(client, stubber, auth_result, htmx):
    setup = challenge("MFA_SETUP", MFAS_CAN_SETUP='["SOFTWARE_TOKEN_MFA"]')
    assert_step(start(client, stubber, htmx, setup), htmx, SETUP_URL)
    stubber.add_response(
        "associate_software_token", {"SecretCode": SECRET, "Session": S2}, {"Session": S1}
    )
    body = follow(client, SETUP_URL, htmx)
    assert input_named(body, "code")
    assert 'for="setup-key"' in body and 'value="JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP"' in body
    assert '<svg role="img"' in body
    # A reload shows the same secret: no second association.
    assert 'value="JBSW Y3DP' in follow(client, SETUP_URL, htmx)

    stubber.add_response(
        "verify_software_token",
        {"Status": "SUCCESS", "Session": S3},
        {"UserCode": "654321", "Session": S2},
    )
    expect_answer(stubber, "MFA_SETUP", {}, auth_result(sub=SUB, email=EMAIL), session=S3)
    response = post(client, SETUP_URL, {"code": "654321"}, htmx)
    assert_navigates(response, htmx, ACCOUNT_URL)
    assert signed_in(client)
    assert SECRET not in response.content.decode()


def test_a_wrong_first_code_keeps_the_same_secret(client, stubber):
    start(client, stubber, False, challenge("MFA_SETUP", MFAS_CAN_SETUP='["SOFTWARE_TOKEN_MFA"]'))
    stubber.add_response("associate_software_token", {"SecretCode": SECRET, "Session": S2})
    client_error(stubber, "verify_software_token", "CodeMismatchException", AWS_TEXT)
    body = assert_rendered(client.post(SETUP_URL, {"code": "000000"}), False, 422)
    assert_refusal(body, "code", "That code isn't right. Enter the code your app shows now.")
    assert 'value="JBSW Y3DP' in body


@BRANCHES
def test_email_codes_instead_of_an_app_where_the_pool_allows_it(client, stubber, htmx):
    setup = challenge("MFA_SETUP", MFAS_CAN_SETUP='["SOFTWARE_TOKEN_MFA","SMS_MFA","EMAIL_OTP"]')
    start(client, stubber, htmx, setup)
    stubber.add_response("associate_software_token", {"SecretCode": SECRET, "Session": S2})
    body = follow(client, SETUP_URL, htmx)
    assert buttons(body) == ["Verify", "Email me codes instead"]
    expect_answer(
        stubber,
        "MFA_SETUP",
        {"EMAIL": EMAIL},
        challenge("EMAIL_OTP", S3, CODE_DELIVERY_DESTINATION="a***@e***"),
        session=S2,
    )
    assert_step(post(client, SETUP_URL, {"action": "other"}, htmx), htmx, CODE_URL)
    assert "We emailed a code to a***@e***." in follow(client, CODE_URL, htmx)


def test_no_email_option_when_the_pool_offers_only_apps(client, stubber):
    start(client, stubber, False, challenge("MFA_SETUP", MFAS_CAN_SETUP='["SOFTWARE_TOKEN_MFA"]'))
    stubber.add_response("associate_software_token", {"SecretCode": SECRET, "Session": S2})
    assert buttons(follow(client, SETUP_URL, False)) == ["Verify"]
