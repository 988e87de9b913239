"""USER_AUTH, choice-based sign-in: SELECT_CHALLENGE and its AvailableChallenges (the pool's
first factors that the user has), a preferred challenge, a password (at once, as a challenge,
or by SRP) followed by MFA as any password sign-in, an unknown user who looks like anyone,
ExplicitAuthFlows, sign-up without a password, and the sign-in ConfirmSignUp's Session allows."""

from __future__ import annotations

import pytest
from pycognito.aws_srp import AWSSRP

from cognito_stub import (
    APP_CLIENT_ID,
    DEMO_EMAIL,
    DEMO_PASSWORD,
    SECRET_CLIENT_ID,
    USER_POOL_ID,
    StubClient,
    StubClientError,
)

from .helpers import STRONG_PASSWORD, confirmed_user, error_of, sign_in
from .mfa_helpers import new_user, prefer, set_pool_mfa, totp_code, with_phone, with_totp
from .user_auth_helpers import ALL_FACTORS, respond, set_first_factors, shape, user_auth

EMAIL = "uma@example.org"
NOBODY = "nobody@example.org"
INCORRECT = ("NotAuthorizedException", "Incorrect username or password.")


def test_select_challenge_offers_what_the_user_has(stub, cognito):
    challenge = user_auth(cognito, DEMO_EMAIL)
    assert challenge["ChallengeName"] == "SELECT_CHALLENGE"
    assert challenge["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]
    assert challenge["ChallengeParameters"] == {}
    assert len(challenge["Session"]) >= 20
    assert "AuthenticationResult" not in challenge
    assert stub.outbox() == []  # choosing sends nothing yet

    access = new_user(stub, cognito, EMAIL)
    with_phone(stub, cognito, access)
    offered = user_auth(cognito, EMAIL)["AvailableChallenges"]
    assert offered == ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"]


def test_the_pools_first_factors_limit_the_choice(cognito, admin):
    pool = admin.describe_user_pool(UserPoolId=USER_POOL_ID)["UserPool"]
    assert pool["Policies"]["SignInPolicy"] == {"AllowedFirstAuthFactors": ALL_FACTORS}

    set_first_factors(admin, ["PASSWORD", "SMS_OTP"])
    pool = admin.describe_user_pool(UserPoolId=USER_POOL_ID)["UserPool"]
    assert pool["Policies"]["SignInPolicy"] == {"AllowedFirstAuthFactors": ["PASSWORD", "SMS_OTP"]}
    assert pool["UsernameAttributes"] == ["email"]  # CreateUserPool's, kept by UpdateUserPool
    assert user_auth(cognito, DEMO_EMAIL)["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP"]
    # EMAIL_OTP is no longer allowed: preferring it is answered with the choice
    assert user_auth(cognito, DEMO_EMAIL, "EMAIL_OTP")["ChallengeName"] == "SELECT_CHALLENGE"

    bad = error_of(set_first_factors, admin, ["PASSWORD", "CARRIER_PIGEON"])
    assert bad["Code"] == "InvalidParameterException"
    assert "allowedFirstAuthFactors" in bad["Message"]


def test_a_pool_made_without_a_sign_in_policy_allows_passwords_only(admin):
    created = admin.create_user_pool(PoolName="plain")["UserPool"]
    described = admin.describe_user_pool(UserPoolId=created["Id"])["UserPool"]
    assert described["Policies"]["SignInPolicy"] == {"AllowedFirstAuthFactors": ["PASSWORD"]}


def test_a_pool_made_for_a_test_takes_the_sign_in_options(stub, admin):
    control = StubClient(stub.url)
    made = control.create_pool(first_factors=["PASSWORD", "EMAIL_OTP"], webauthn_rp_id="ex.test")
    assert (made["first_factors"], made["webauthn_rp_id"]) == (["PASSWORD", "EMAIL_OTP"], "ex.test")
    pool_id = made["user_pool_id"]
    described = admin.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert described["Policies"]["SignInPolicy"]["AllowedFirstAuthFactors"] == [
        "PASSWORD",
        "EMAIL_OTP",
    ]
    config = admin.get_user_pool_mfa_config(UserPoolId=pool_id)["WebAuthnConfiguration"]
    assert config["RelyingPartyId"] == "ex.test"
    client = admin.describe_user_pool_client(UserPoolId=pool_id, ClientId=made["client_id"])
    assert "ALLOW_USER_AUTH" in client["UserPoolClient"]["ExplicitAuthFlows"]
    with pytest.raises(StubClientError) as refused:
        control.create_pool(first_factors=["CARRIER_PIGEON"])
    assert refused.value.status == 400


def test_a_preferred_password_signs_in_at_once(cognito):
    answer = user_auth(cognito, DEMO_EMAIL, "PASSWORD", PASSWORD=DEMO_PASSWORD)
    assert {"AccessToken", "IdToken", "RefreshToken"} <= answer["AuthenticationResult"].keys()
    assert "ChallengeName" not in answer
    wrong = error_of(user_auth, cognito, DEMO_EMAIL, "PASSWORD", PASSWORD="Wr0ng-Passw0rd!")
    assert (wrong["Code"], wrong["Message"]) == INCORRECT


def test_a_preferred_password_without_one_is_asked_for(cognito):
    challenge = user_auth(cognito, DEMO_EMAIL, "PASSWORD")
    assert (challenge["ChallengeName"], challenge["ChallengeParameters"]) == ("PASSWORD", {})
    wrong = error_of(respond, cognito, challenge, DEMO_EMAIL, PASSWORD="Wr0ng-Passw0rd!")
    assert (wrong["Code"], wrong["Message"]) == INCORRECT
    # a wrong password leaves the session usable
    answer = respond(cognito, challenge, DEMO_EMAIL, PASSWORD=DEMO_PASSWORD)
    assert "AccessToken" in answer["AuthenticationResult"]


def test_select_password_with_the_choice(cognito):
    challenge = user_auth(cognito, DEMO_EMAIL)
    answer = respond(cognito, challenge, DEMO_EMAIL, ANSWER="PASSWORD", PASSWORD=DEMO_PASSWORD)
    assert "IdToken" in answer["AuthenticationResult"]
    used = error_of(respond, cognito, challenge, DEMO_EMAIL, ANSWER="PASSWORD", PASSWORD="x")
    assert (used["Code"], used["Message"]) == (
        "NotAuthorizedException",
        "Invalid session for the user, session can only be used once.",
    )


def test_select_password_srp_goes_on_to_the_password_verifier(cognito):
    srp = AWSSRP(DEMO_EMAIL, DEMO_PASSWORD, USER_POOL_ID, APP_CLIENT_ID, client=cognito)
    challenge = user_auth(cognito, DEMO_EMAIL)
    srp_a = srp.get_auth_params()["SRP_A"]
    verifier = respond(cognito, challenge, DEMO_EMAIL, ANSWER="PASSWORD_SRP", SRP_A=srp_a)
    assert verifier["ChallengeName"] == "PASSWORD_VERIFIER"
    claim = srp.process_challenge(verifier["ChallengeParameters"], srp.get_auth_params())
    answer = cognito.respond_to_auth_challenge(
        ClientId=APP_CLIENT_ID, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=claim
    )
    assert "AccessToken" in answer["AuthenticationResult"]


def test_a_preferred_password_srp_starts_srp_at_once(cognito):
    srp = AWSSRP(DEMO_EMAIL, "Wr0ng-Passw0rd!", USER_POOL_ID, APP_CLIENT_ID, client=cognito)
    verifier = user_auth(cognito, DEMO_EMAIL, "PASSWORD_SRP", SRP_A=srp.get_auth_params()["SRP_A"])
    assert verifier["ChallengeName"] == "PASSWORD_VERIFIER"
    claim = srp.process_challenge(verifier["ChallengeParameters"], srp.get_auth_params())
    wrong = error_of(
        cognito.respond_to_auth_challenge,
        ClientId=APP_CLIENT_ID,
        ChallengeName="PASSWORD_VERIFIER",
        ChallengeResponses=claim,
    )
    assert (wrong["Code"], wrong["Message"]) == INCORRECT


def test_a_password_first_factor_goes_on_to_mfa(stub, cognito, admin, clock):
    set_pool_mfa(admin)
    access = new_user(stub, cognito, EMAIL)
    secret = with_totp(cognito, clock, access)
    prefer(cognito, access, totp=(True, True))
    challenge = user_auth(cognito, EMAIL)
    mfa = respond(cognito, challenge, EMAIL, ANSWER="PASSWORD", PASSWORD=STRONG_PASSWORD)
    assert mfa["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    answer = respond(cognito, mfa, EMAIL, SOFTWARE_TOKEN_MFA_CODE=totp_code(secret, clock()))
    assert "AccessToken" in answer["AuthenticationResult"]


def test_an_unknown_user_looks_like_anyone(stub, cognito):
    """A user with a password and a verified email, and nobody: the same answers."""
    for preferred in (None, "WEB_AUTHN", "SMS_OTP"):
        known = user_auth(cognito, DEMO_EMAIL, preferred)
        unknown = user_auth(cognito, NOBODY, preferred)
        assert shape(known) == shape(unknown)
        assert unknown["AvailableChallenges"] == ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP"]

    known = error_of(user_auth, cognito, DEMO_EMAIL, "PASSWORD", PASSWORD="Wr0ng-Passw0rd!")
    unknown = error_of(user_auth, cognito, NOBODY, "PASSWORD", PASSWORD="Wr0ng-Passw0rd!")
    assert known == unknown
    known = user_auth(cognito, DEMO_EMAIL, "PASSWORD")
    unknown = user_auth(cognito, NOBODY, "PASSWORD")
    assert shape(known) == shape(unknown)
    assert error_of(respond, cognito, unknown, NOBODY, PASSWORD="x") == error_of(
        respond, cognito, known, DEMO_EMAIL, PASSWORD="x"
    )
    # SRP: a stand-in verifier, then the same refusal
    srp = AWSSRP(NOBODY, "Any-Passw0rd!", USER_POOL_ID, APP_CLIENT_ID, client=cognito)
    choice = user_auth(cognito, NOBODY)
    verifier = respond(
        cognito, choice, NOBODY, ANSWER="PASSWORD_SRP", SRP_A=srp.get_auth_params()["SRP_A"]
    )
    assert verifier["ChallengeName"] == "PASSWORD_VERIFIER"
    assert stub.outbox() == []


def test_answers_must_be_for_the_sessions_user_and_choices(cognito):
    challenge = user_auth(cognito, DEMO_EMAIL)
    other = error_of(respond, cognito, challenge, NOBODY, ANSWER="EMAIL_OTP")
    assert (other["Code"], other["Message"]) == (
        "NotAuthorizedException",
        "Invalid session for the user.",
    )
    stand_in = user_auth(cognito, NOBODY)
    taken_over = error_of(respond, cognito, stand_in, DEMO_EMAIL, ANSWER="EMAIL_OTP")
    assert taken_over == other
    not_offered = error_of(respond, cognito, challenge, DEMO_EMAIL, ANSWER="WEB_AUTHN")
    assert not_offered["Code"] == "InvalidParameterException"
    unknown = error_of(user_auth, cognito, DEMO_EMAIL, "CARRIER_PIGEON")
    assert unknown["Code"] == "InvalidParameterException"


def test_user_auth_needs_allow_user_auth(admin, cognito):
    client = admin.create_user_pool_client(
        UserPoolId=USER_POOL_ID,
        ClientName="passwords-only",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]
    refused = error_of(
        cognito.initiate_auth,
        ClientId=client["ClientId"],
        AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": DEMO_EMAIL},
    )
    assert (refused["Code"], refused["Message"]) == (
        "InvalidParameterException",
        "USER_AUTH flow not enabled for this client",
    )
    seeded = admin.describe_user_pool_client(UserPoolId=USER_POOL_ID, ClientId=APP_CLIENT_ID)
    assert "ALLOW_USER_AUTH" in seeded["UserPoolClient"]["ExplicitAuthFlows"]


def test_admin_initiate_auth_user_auth(admin):
    answer = admin.admin_initiate_auth(
        UserPoolId=USER_POOL_ID,
        ClientId=APP_CLIENT_ID,
        AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": DEMO_EMAIL, "PREFERRED_CHALLENGE": "PASSWORD"},
    )
    assert answer["ChallengeName"] == "PASSWORD"
    tokens = admin.admin_respond_to_auth_challenge(
        UserPoolId=USER_POOL_ID,
        ClientId=APP_CLIENT_ID,
        ChallengeName="PASSWORD",
        Session=answer["Session"],
        ChallengeResponses={"USERNAME": DEMO_EMAIL, "PASSWORD": DEMO_PASSWORD},
    )
    assert "AccessToken" in tokens["AuthenticationResult"]


def test_a_secret_client_needs_the_secret_hash(cognito):
    refused = error_of(
        cognito.initiate_auth,
        ClientId=SECRET_CLIENT_ID,
        AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": DEMO_EMAIL},
    )
    assert (refused["Code"], refused["Message"]) == (
        "NotAuthorizedException",
        f"Unable to verify secret hash for client {SECRET_CLIENT_ID}",
    )


def test_sign_up_without_a_password_then_sign_in_with_the_confirmation(stub, cognito):
    signed_up = cognito.sign_up(ClientId=APP_CLIENT_ID, Username=EMAIL)
    assert signed_up["UserConfirmed"] is False
    confirmed = cognito.confirm_sign_up(
        ClientId=APP_CLIENT_ID, Username=EMAIL, ConfirmationCode=stub.latest_code(EMAIL)
    )
    session = confirmed["Session"]

    def sign_in_after_sign_up():
        return cognito.initiate_auth(
            ClientId=APP_CLIENT_ID,
            AuthFlow="USER_AUTH",
            AuthParameters={"USERNAME": EMAIL},
            Session=session,
        )

    tokens = sign_in_after_sign_up()["AuthenticationResult"]
    assert cognito.get_user(AccessToken=tokens["AccessToken"])["Username"] == signed_up["UserSub"]
    again = error_of(sign_in_after_sign_up)
    assert (again["Code"], again["Message"]) == (
        "NotAuthorizedException",
        "Invalid session for the user, session can only be used once.",
    )
    # no password: only a code can sign them in, and no password does
    assert user_auth(cognito, EMAIL)["AvailableChallenges"] == ["EMAIL_OTP"]
    refused = error_of(sign_in, cognito, EMAIL, STRONG_PASSWORD)
    assert (refused["Code"], refused["Message"]) == INCORRECT


def test_a_passwordless_user_has_no_password_to_prove(stub, cognito, admin):
    """Not even an SRP claim made with an empty password (with email MFA on, which would
    otherwise come next)."""
    set_pool_mfa(admin)
    cognito.sign_up(ClientId=APP_CLIENT_ID, Username=EMAIL)
    session = cognito.confirm_sign_up(
        ClientId=APP_CLIENT_ID, Username=EMAIL, ConfirmationCode=stub.latest_code(EMAIL)
    )["Session"]
    access = cognito.initiate_auth(
        ClientId=APP_CLIENT_ID,
        AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": EMAIL},
        Session=session,
    )["AuthenticationResult"]["AccessToken"]
    prefer(cognito, access, email=(True, True))
    srp = AWSSRP(EMAIL, "", USER_POOL_ID, APP_CLIENT_ID, client=cognito)
    verifier = cognito.initiate_auth(
        ClientId=APP_CLIENT_ID, AuthFlow="USER_SRP_AUTH", AuthParameters=srp.get_auth_params()
    )
    claim = srp.process_challenge(verifier["ChallengeParameters"], srp.get_auth_params())
    refused = error_of(
        cognito.respond_to_auth_challenge,
        ClientId=APP_CLIENT_ID,
        ChallengeName="PASSWORD_VERIFIER",
        ChallengeResponses=claim,
    )
    assert (refused["Code"], refused["Message"]) == INCORRECT


def test_the_sign_up_session_expires_and_is_the_users_own(stub, cognito, clock):
    confirmed_user(stub, cognito, EMAIL)  # someone else, who must not use the session
    cognito.sign_up(ClientId=APP_CLIENT_ID, Username=NOBODY, Password=STRONG_PASSWORD)
    session = cognito.confirm_sign_up(
        ClientId=APP_CLIENT_ID, Username=NOBODY, ConfirmationCode=stub.latest_code(NOBODY)
    )["Session"]

    def sign_in_as(name: str):
        return cognito.initiate_auth(
            ClientId=APP_CLIENT_ID,
            AuthFlow="USER_AUTH",
            AuthParameters={"USERNAME": name},
            Session=session,
        )

    other = error_of(sign_in_as, EMAIL)
    assert (other["Code"], other["Message"]) == (
        "NotAuthorizedException",
        "Invalid session for the user.",
    )
    clock.advance(180)
    expired = error_of(sign_in_as, NOBODY)
    assert (expired["Code"], expired["Message"]) == (
        "NotAuthorizedException",
        "Invalid session for the user, session is expired.",
    )


def test_sign_up_without_a_password_needs_a_passwordless_factor(stub, cognito, admin):
    set_first_factors(admin, ["PASSWORD"])
    refused = error_of(cognito.sign_up, ClientId=APP_CLIENT_ID, Username=EMAIL)
    assert (refused["Code"], refused["Message"]) == (
        "InvalidParameterException",
        "Missing required parameter Password",
    )
    assert stub.outbox() == []
    set_first_factors(admin, ["PASSWORD", "WEB_AUTHN"])
    assert cognito.sign_up(ClientId=APP_CLIENT_ID, Username=EMAIL)["UserConfirmed"] is False
