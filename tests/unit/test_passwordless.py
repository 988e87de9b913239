"""Signing in without a password (COGNITO_SIGN_IN_FLOW "choice", Cognito's USER_AUTH): the
sign-in page's other ways, the code step, a passkey's challenge and answer, and the password
itself through USER_AUTH. Both branches (htmx and plain posts), each refusal."""

import json

import pytest
from django.core.cache import cache

from auth_ui import session

from .conftest import CLIENT_ID, POOL_ID, client_error, expect_user_auth
from .pages import (
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
    tags,
)

pytestmark = pytest.mark.django_db

CODE_URL = "/auth/sign-in/code/"
S1, S2 = ("session-one-" + "x" * 20, "session-two-" + "x" * 20)
EVERY_WAY = ("PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN")
OPTIONS = {
    "challenge": "Y2hhbGxlbmdl",
    "rpId": "testserver",
    "allowCredentials": [{"id": "Y3JlZA", "type": "public-key"}],
    "userVerification": "preferred",
    "timeout": 180000,
}
CREDENTIAL = json.dumps({"id": "Y3JlZA", "type": "public-key", "response": {"signature": "c2ln"}})


@pytest.fixture
def choice(settings):
    """USER_AUTH, and the pool's sign-in policy as if DescribeUserPool had been read."""
    settings.COGNITO_SIGN_IN_FLOW = "choice"

    def allow(*factors):
        cache.set(f"cognito:first-factors:{POOL_ID}", tuple(factors))

    allow(*EVERY_WAY)
    return allow


def challenge(name, session=S1, **parameters):
    return {"ChallengeName": name, "Session": session, "ChallengeParameters": parameters}


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


def another_way(client, htmx, way, **data):
    return post(client, SIGN_IN_URL, {"email": EMAIL, "password": "", "way": way, **data}, htmx)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


EMAILED = challenge("EMAIL_OTP", CODE_DELIVERY_DESTINATION="a***@e***")
TEXTED = challenge("SMS_OTP", CODE_DELIVERY_DESTINATION="+*******1234")
SELECT = {**challenge("SELECT_CHALLENGE"), "AvailableChallenges": ["PASSWORD", "EMAIL_OTP"]}


# --- what the sign-in page offers ---------------------------------------------------------------


def test_the_password_flow_offers_no_other_way(client, settings):
    settings.COGNITO_SIGN_IN_FLOW = "password"
    assert buttons(client.get(SIGN_IN_URL).content.decode()) == ["Sign in"]


def test_choice_offers_each_way_the_pool_allows(client, choice):
    body = client.get(SIGN_IN_URL, secure=True).content.decode()
    assert buttons(body) == [
        "Sign in",
        "Sign in with a passkey",
        "Email me a code",
        "Text me a code",
    ]
    passkey = next(a for t, a in tags(body) if t == "button" and a.get("value") == "WEB_AUTHN")
    assert "hidden" in passkey  # shown by our script, where the browser has passkeys
    choice("PASSWORD", "EMAIL_OTP")
    body = client.get(SIGN_IN_URL, secure=True).content.decode()
    assert buttons(body) == ["Sign in", "Email me a code"]


def test_no_passkey_button_where_the_browser_could_not_use_one(client, choice, settings):
    # Plain http on a host that isn't localhost is not a secure context.
    assert "Sign in with a passkey" not in buttons(client.get(SIGN_IN_URL).content.decode())
    # A relying party that this host doesn't belong to.
    settings.COGNITO_WEBAUTHN_RP_ID = "example.com"
    body = client.get(SIGN_IN_URL, secure=True).content.decode()
    assert "Sign in with a passkey" not in buttons(body)
    # localhost is a secure context even over http.
    settings.COGNITO_WEBAUTHN_RP_ID = "localhost"
    settings.ALLOWED_HOSTS = ["localhost"]
    body = client.get(SIGN_IN_URL, HTTP_HOST="localhost:8000").content.decode()
    assert "Sign in with a passkey" in buttons(body)


def test_the_sign_in_policy_is_read_from_the_pool(client, settings, stubber):
    settings.COGNITO_SIGN_IN_FLOW = "choice"
    stubber.add_response(
        "describe_user_pool",
        {
            "UserPool": {
                "Policies": {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "SMS_OTP"]}}
            }
        },
        {"UserPoolId": POOL_ID},
    )
    assert buttons(client.get(SIGN_IN_URL).content.decode()) == ["Sign in", "Text me a code"]
    # Cached: the next page asks Cognito nothing.
    assert buttons(client.get(SIGN_IN_URL).content.decode()) == ["Sign in", "Text me a code"]


def test_without_admin_credentials_the_settings_say_which_ways(client, settings, stubber):
    settings.COGNITO_SIGN_IN_FLOW = "choice"
    settings.COGNITO_FIRST_FACTORS = ["PASSWORD", "EMAIL_OTP"]
    client_error(stubber, "describe_user_pool", "NotAuthorizedException", AWS_TEXT)
    assert buttons(client.get(SIGN_IN_URL).content.decode()) == ["Sign in", "Email me a code"]


# --- a code instead of a password ---------------------------------------------------------------


@BRANCHES
@pytest.mark.parametrize(
    ("way", "answer", "key", "says"),
    [
        ("EMAIL_OTP", EMAILED, "EMAIL_OTP_CODE", "We emailed a code to a***@e***."),
        ("SMS_OTP", TEXTED, "SMS_OTP_CODE", "We texted a code to +*******1234."),
    ],
)
def test_a_code_signs_the_person_in(
    client, stubber, auth_result, choice, htmx, way, answer, key, says
):
    expect_user_auth(stubber, answer, way)
    response = another_way(client, htmx, way, next="/account/?tab=2")
    assert_step(response, htmx, CODE_URL)
    assert not signed_in(client)
    body = follow(client, CODE_URL, htmx)
    assert body.count(says) == 1  # said once, where the form is
    assert_form(
        body,
        labels={"code": "Verification code"},
        autocomplete={"code": "one-time-code"},
        buttons=["Sign in", "Resend code"],
    )
    expect_answer(stubber, way, {key: "123456"}, auth_result(email=EMAIL))
    assert_navigates(post(client, CODE_URL, {"code": "123-456"}, htmx), htmx, "/account/?tab=2")
    assert signed_in(client)
    assert session.pending_sign_in(session_of(client)) is None


def test_a_code_needs_only_the_email(client, stubber, choice):
    body = assert_rendered(
        client.post(SIGN_IN_URL, {"email": "", "password": "", "way": "EMAIL_OTP"}), False, 422
    )
    assert field_error(body, "email") == "Enter your email address."
    assert field_error(body, "password") is None
    assert buttons(body)[0] == "Sign in"  # the sign-in page itself, as it was


@BRANCHES
def test_a_wrong_code_is_said_on_the_field(client, stubber, choice, htmx):
    expect_user_auth(stubber, EMAILED, "EMAIL_OTP")
    another_way(client, htmx, "EMAIL_OTP")
    client_error(stubber, "respond_to_auth_challenge", "CodeMismatchException", AWS_TEXT)
    body = assert_rendered(post(client, CODE_URL, {"code": "654321"}, htmx), htmx, 422)
    assert_refusal(body, "code", "That code isn't right. Check the latest one we sent you.")
    assert AWS_TEXT not in body
    assert session.pending_sign_in(session_of(client)) is not None


@BRANCHES
def test_resend_asks_cognito_for_a_fresh_code(client, stubber, choice, htmx):
    expect_user_auth(stubber, EMAILED, "EMAIL_OTP")
    another_way(client, htmx, "EMAIL_OTP")
    expect_user_auth(
        stubber, challenge("EMAIL_OTP", S2, CODE_DELIVERY_DESTINATION="a***@e***"), "EMAIL_OTP"
    )
    response = post(client, CODE_URL, {"code": "", "action": "resend"}, htmx)
    assert_step(response, htmx, CODE_URL, replace=True)  # Back leaves the step, resent or not
    assert session.pending_sign_in(session_of(client)).challenge.session == S2
    body = follow(client, CODE_URL, htmx)
    resend = next(a for t, a in tags(body) if t == "button" and a.get("value") == "resend")
    assert "disabled" in resend and int(resend["data-wait-seconds"]) > 0  # a rest after a resend


@BRANCHES
def test_an_expired_code_session_goes_back_to_sign_in(client, stubber, choice, htmx):
    expect_user_auth(stubber, EMAILED, "EMAIL_OTP")
    another_way(client, htmx, "EMAIL_OTP")
    client_error(
        stubber,
        "respond_to_auth_challenge",
        "NotAuthorizedException",
        "Invalid session for the user, session is expired.",
    )
    assert_step(post(client, CODE_URL, {"code": "123456"}, htmx), htmx, SIGN_IN_URL)
    assert message("SessionExpired") in follow(client, SIGN_IN_URL, htmx)
    assert session.pending_sign_in(session_of(client)) is None


@BRANCHES
def test_no_text_for_an_account_without_a_phone_or_an_unknown_one(client, stubber, choice, htmx):
    # Cognito offers the other ways (SELECT_CHALLENGE) for both: the same words for both.
    expect_user_auth(stubber, SELECT, "SMS_OTP")
    body = assert_rendered(another_way(client, htmx, "SMS_OTP"), htmx, 422)
    assert alert(body) == [message("SMS_OTPUnavailable")]
    assert input_named(body, "email")["value"] == EMAIL
    assert session.pending_sign_in(session_of(client)) is None


def test_the_code_step_needs_a_code_sign_in_under_way(client, stubber, choice):
    assert_navigates(client.get(CODE_URL), False, SIGN_IN_URL)
    # An MFA code stage (after a password) is not this step's to answer.
    mfa = challenge("EMAIL_OTP", CODE_DELIVERY_DESTINATION="a***@e***")
    expect_user_auth(stubber, mfa, "PASSWORD", PASSWORD=PASSWORD)
    assert_navigates(
        client.post(SIGN_IN_URL, {"email": EMAIL, "password": PASSWORD}), False, "/auth/mfa/"
    )
    assert_navigates(client.get(CODE_URL), False, SIGN_IN_URL)


# --- the password through USER_AUTH -------------------------------------------------------------


@BRANCHES
def test_a_password_signs_in_through_user_auth(client, stubber, auth_result, choice, htmx):
    expect_user_auth(stubber, auth_result(email=EMAIL), "PASSWORD", PASSWORD=PASSWORD)
    response = post(client, SIGN_IN_URL, {"email": EMAIL, "password": PASSWORD}, htmx)
    assert_navigates(response, htmx, "/account/")
    assert signed_in(client)


@BRANCHES
def test_an_account_without_a_password_reads_as_a_wrong_password(client, stubber, choice, htmx):
    expect_user_auth(stubber, SELECT, "PASSWORD", PASSWORD=PASSWORD)
    body = assert_rendered(
        post(client, SIGN_IN_URL, {"email": EMAIL, "password": PASSWORD}, htmx), htmx, 422
    )
    assert alert(body) == [message("NotAuthorizedException")]
    assert PASSWORD not in body


# --- a passkey ----------------------------------------------------------------------------------


@BRANCHES
def test_a_passkey_signs_the_person_in(client, stubber, auth_result, choice, htmx):
    expect_user_auth(
        stubber,
        challenge("WEB_AUTHN", CREDENTIAL_REQUEST_OPTIONS=json.dumps(OPTIONS)),
        "WEB_AUTHN",
    )
    body = assert_rendered(another_way(client, htmx, "WEB_AUTHN", next="/account/?p=1"), htmx, 200)
    request = next(a for t, a in tags(body) if "data-passkey-request" in a)
    assert json.loads(request["data-passkey-request"]) == OPTIONS
    assert not signed_in(client)
    expect_answer(stubber, "WEB_AUTHN", {"CREDENTIAL": CREDENTIAL}, auth_result(email=EMAIL))
    response = another_way(client, htmx, "WEB_AUTHN", credential=CREDENTIAL, next="/account/?p=1")
    assert_navigates(response, htmx, "/account/?p=1")
    assert signed_in(client)


@BRANCHES
def test_no_passkey_and_no_account_read_alike(client, stubber, choice, htmx):
    expect_user_auth(stubber, SELECT, "WEB_AUTHN")
    body = assert_rendered(another_way(client, htmx, "WEB_AUTHN"), htmx, 422)
    assert alert(body) == [message("NoPasskey")]
    assert not any("data-passkey-request" in a for _, a in tags(body))


@BRANCHES
def test_a_refused_passkey_says_so_and_leaves_the_other_ways(client, stubber, choice, htmx):
    expect_user_auth(
        stubber,
        challenge("WEB_AUTHN", CREDENTIAL_REQUEST_OPTIONS=json.dumps(OPTIONS)),
        "WEB_AUTHN",
    )
    another_way(client, htmx, "WEB_AUTHN")
    client_error(stubber, "respond_to_auth_challenge", "NotAuthorizedException", AWS_TEXT)
    body = assert_rendered(another_way(client, htmx, "WEB_AUTHN", credential=CREDENTIAL), htmx, 422)
    assert alert(body) == [message("PasskeyRefused")]
    assert "Email me a code" in buttons(body)
    assert not signed_in(client)


def test_a_passkey_answer_without_its_challenge_starts_over(client, stubber, choice):
    body = assert_rendered(
        client.post(
            SIGN_IN_URL,
            {"email": EMAIL, "password": "", "way": "WEB_AUTHN", "credential": CREDENTIAL},
        ),
        False,
        422,
    )
    assert alert(body) == [message("SessionExpired")]


# --- an account without a password, and signing in by confirming -------------------------------

SIGN_UP_URL = "/auth/sign-up/"
CONFIRM_URL = "/auth/confirm/"
CONFIRM = {"ClientId": CLIENT_ID, "Username": EMAIL, "ConfirmationCode": "123456"}


def test_sign_up_offers_an_account_without_a_password_where_codes_sign_in(client, choice):
    assert "Create an account without a password" in buttons(
        client.get(SIGN_UP_URL).content.decode()
    )
    choice("PASSWORD", "WEB_AUTHN")  # no emailed codes: nothing to sign in with but a passkey
    assert "Create an account without a password" not in buttons(
        client.get(SIGN_UP_URL).content.decode()
    )


def test_the_password_flow_offers_no_account_without_a_password(client, settings):
    settings.COGNITO_SIGN_IN_FLOW = "password"
    assert buttons(client.get(SIGN_UP_URL).content.decode()) == ["Sign up"]


@BRANCHES
def test_an_account_without_a_password(client, stubber, choice, htmx):
    stubber.add_response(
        "sign_up",
        {"UserConfirmed": False, "UserSub": "3f1c2b7e-0000-4000-8000-000000000009"},
        {
            "ClientId": CLIENT_ID,
            "Username": EMAIL,
            "UserAttributes": [{"Name": "email", "Value": EMAIL}],
        },
    )
    response = post(
        client,
        SIGN_UP_URL,
        {"email": EMAIL, "password": "", "password_confirm": "", "way": "passwordless"},
        htmx,
    )
    assert_step(response, htmx, CONFIRM_URL)


def test_without_codes_allowed_an_account_needs_a_password(client, stubber, choice):
    choice("PASSWORD")
    response = client.post(
        SIGN_UP_URL, {"email": EMAIL, "password": "", "password_confirm": "", "way": "passwordless"}
    )
    body = assert_rendered(response, False, 422)
    assert field_error(body, "password")  # the policy, as for any sign-up with no password


@BRANCHES
def test_the_code_that_confirms_the_email_signs_the_person_in(
    client, stubber, auth_result, choice, htmx
):
    stubber.add_response("confirm_sign_up", {"Session": S1}, CONFIRM)
    expect_user_auth(stubber, auth_result(email=EMAIL), session=S1)
    response = post(client, CONFIRM_URL, {"email": EMAIL, "code": "123456"}, htmx)
    assert_navigates(response, htmx, "/account/")
    assert signed_in(client)


@BRANCHES
def test_when_that_sign_in_is_refused_the_person_signs_in_as_usual(client, stubber, choice, htmx):
    stubber.add_response("confirm_sign_up", {"Session": S1}, CONFIRM)
    client_error(
        stubber, "initiate_auth", "NotAuthorizedException", "Invalid session for the user."
    )
    response = post(client, CONFIRM_URL, {"email": EMAIL, "code": "123456"}, htmx)
    assert_step(response, htmx, SIGN_IN_URL)
    assert "Your email is confirmed. Sign in to continue." in follow(client, SIGN_IN_URL, htmx)
    assert not signed_in(client)


def test_the_password_flow_confirms_then_asks_to_sign_in(client, stubber, settings):
    settings.COGNITO_SIGN_IN_FLOW = "password"
    stubber.add_response("confirm_sign_up", {"Session": S1}, CONFIRM)  # and no InitiateAuth
    assert_step(client.post(CONFIRM_URL, {"email": EMAIL, "code": "123456"}), False, SIGN_IN_URL)
    assert not signed_in(client)
