"""Passkeys: the pool's WebAuthnConfiguration, registration (StartWebAuthnRegistration's
options, CompleteWebAuthnRegistration verifying the attestation), ListWebAuthnCredentials,
DeleteWebAuthnCredential, and signing in with USER_AUTH's WEB_AUTHN challenge, the assertion
verified for real: a tampered signature, a replay, another origin or a deleted passkey refused.
The browser is the stub's SoftwareAuthenticator."""

from __future__ import annotations

import base64
import json
from datetime import datetime

import pytest

from cognito_stub import DEMO_EMAIL, SECRET_CLIENT_ID, USER_POOL_ID
from cognito_stub.software_authenticator import SoftwareAuthenticator
from cognito_stub.users import secret_hash

from .helpers import STRONG_PASSWORD, error_of, make_client
from .mfa_helpers import new_user
from .test_cors import request as cors_request
from .user_auth_helpers import respond, set_first_factors, shape, user_auth
from .webauthn_helpers import (
    ORIGIN,
    answer_with,
    assertion,
    passkey_challenge,
    register_passkey,
    sign_in_with_passkey,
)

EMAIL = "pat@example.org"
ASSERTION_REFUSED = "NotAuthorizedException"


@pytest.fixture
def pat(stub, cognito):
    """Pat, signed in with a password: their access token."""
    return new_user(stub, cognito, EMAIL)


def _started(cognito, access: str) -> dict:
    return cognito.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]


def _complete(cognito, access: str, credential: dict) -> dict:
    return cognito.complete_web_authn_registration(AccessToken=access, Credential=credential)


def test_the_pools_webauthn_configuration(admin):
    config = admin.get_user_pool_mfa_config(UserPoolId=USER_POOL_ID)
    assert config["WebAuthnConfiguration"] == {
        "RelyingPartyId": "localhost",
        "UserVerification": "preferred",
        "FactorConfiguration": "SINGLE_FACTOR",
    }
    answer = admin.set_user_pool_mfa_config(
        UserPoolId=USER_POOL_ID,
        MfaConfiguration="OFF",
        WebAuthnConfiguration={"RelyingPartyId": "example.org", "UserVerification": "required"},
    )
    assert answer["WebAuthnConfiguration"]["RelyingPartyId"] == "example.org"
    # a call about MFA only leaves the passkeys' configuration alone
    admin.set_user_pool_mfa_config(UserPoolId=USER_POOL_ID, MfaConfiguration="OFF")
    config = admin.get_user_pool_mfa_config(UserPoolId=USER_POOL_ID)["WebAuthnConfiguration"]
    assert (config["RelyingPartyId"], config["UserVerification"]) == ("example.org", "required")
    bad = error_of(
        admin.set_user_pool_mfa_config,
        UserPoolId=USER_POOL_ID,
        WebAuthnConfiguration={"RelyingPartyId": "example.org", "UserVerification": "sometimes"},
    )
    assert bad["Code"] == "InvalidParameterException"


def test_registration_options(cognito, pat):
    options = _started(cognito, pat)
    assert len(base64.urlsafe_b64decode(options["challenge"] + "==")) == 32
    assert options["rp"] == {"id": "localhost", "name": "local-stub"}
    assert (options["user"]["name"], options["user"]["displayName"]) == (EMAIL, EMAIL)
    sub = cognito.get_user(AccessToken=pat)["Username"]
    assert base64.urlsafe_b64decode(options["user"]["id"] + "==").decode() == sub
    assert {"type": "public-key", "alg": -7} in options["pubKeyCredParams"]
    assert options["excludeCredentials"] == []
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert options["authenticatorSelection"]["userVerification"] == "preferred"
    assert options["timeout"] > 0
    assert _started(cognito, pat)["challenge"] != options["challenge"]  # fresh every time

    authenticator = register_passkey(cognito, pat)
    again = _started(cognito, pat)
    assert again["excludeCredentials"] == [
        {"type": "public-key", "id": authenticator.id, "transports": ["internal"]}
    ]
    with pytest.raises(ValueError, match="InvalidStateError"):
        authenticator.create(again)  # a browser refuses a credential it already holds


def test_register_list_sign_in_delete(stub, cognito, pat):
    assert cognito.list_web_authn_credentials(AccessToken=pat)["Credentials"] == []
    authenticator = register_passkey(cognito, pat)
    [listed] = cognito.list_web_authn_credentials(AccessToken=pat)["Credentials"]
    assert listed["CredentialId"] == authenticator.id
    assert listed["RelyingPartyId"] == "localhost"
    assert listed["FriendlyCredentialName"]
    assert listed["AuthenticatorAttachment"] == "platform"
    assert listed["AuthenticatorTransports"] == ["internal"]
    assert isinstance(listed["CreatedAt"], datetime)

    offered = user_auth(cognito, EMAIL)["AvailableChallenges"]
    assert offered == ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "WEB_AUTHN"]
    challenge = passkey_challenge(cognito, EMAIL)
    options = json.loads(challenge["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
    assert options["rpId"] == "localhost"
    assert options["userVerification"] == "preferred"
    assert options["allowCredentials"] == [
        {"type": "public-key", "id": authenticator.id, "transports": ["internal"]}
    ]
    assert len(base64.urlsafe_b64decode(options["challenge"] + "==")) == 32
    assert options["timeout"] > 0
    tokens = answer_with(cognito, challenge, EMAIL, assertion(authenticator, challenge))
    access = tokens["AuthenticationResult"]["AccessToken"]
    assert cognito.get_user(AccessToken=access)["Username"]
    assert stub.outbox(EMAIL, pool_id=USER_POOL_ID)[0]["purpose"] == "sign_up"  # nothing sent

    pending = passkey_challenge(cognito, EMAIL)  # asked for before the passkey goes
    cognito.delete_web_authn_credential(AccessToken=pat, CredentialId=authenticator.id)
    assert cognito.list_web_authn_credentials(AccessToken=pat)["Credentials"] == []
    refused = error_of(answer_with, cognito, pending, EMAIL, assertion(authenticator, pending))
    assert refused["Code"] == ASSERTION_REFUSED
    assert user_auth(cognito, EMAIL, "WEB_AUTHN")["ChallengeName"] == "SELECT_CHALLENGE"
    gone = error_of(
        cognito.delete_web_authn_credential, AccessToken=pat, CredentialId=authenticator.id
    )
    assert gone["Code"] == "ResourceNotFoundException"


def test_passkey_chosen_from_select_challenge(cognito, pat):
    authenticator = register_passkey(cognito, pat)
    choice = user_auth(cognito, EMAIL)
    challenge = respond(cognito, choice, EMAIL, ANSWER="WEB_AUTHN")
    assert challenge["ChallengeName"] == "WEB_AUTHN"
    answer = answer_with(cognito, challenge, EMAIL, assertion(authenticator, challenge))
    assert "IdToken" in answer["AuthenticationResult"]


def test_a_tampered_signature_is_refused(cognito, pat):
    authenticator = register_passkey(cognito, pat)
    challenge = passkey_challenge(cognito, EMAIL)
    credential = assertion(authenticator, challenge)
    signature = bytearray(base64.urlsafe_b64decode(credential["response"]["signature"] + "=="))
    signature[-1] ^= 0x01
    credential["response"]["signature"] = base64.urlsafe_b64encode(signature).decode().rstrip("=")
    refused = error_of(answer_with, cognito, challenge, EMAIL, credential)
    assert refused["Code"] == ASSERTION_REFUSED
    # the session stays usable for the genuine assertion
    answer = answer_with(cognito, challenge, EMAIL, assertion(authenticator, challenge))
    assert "AccessToken" in answer["AuthenticationResult"]


def test_a_replayed_assertion_is_refused(cognito, pat):
    authenticator = register_passkey(cognito, pat)
    first = passkey_challenge(cognito, EMAIL)
    used = assertion(authenticator, first)
    assert "AccessToken" in answer_with(cognito, first, EMAIL, used)["AuthenticationResult"]

    again = error_of(answer_with, cognito, first, EMAIL, used)  # same session
    assert (again["Code"], again["Message"]) == (
        "NotAuthorizedException",
        "Invalid session for the user, session can only be used once.",
    )
    second = passkey_challenge(cognito, EMAIL)
    replayed = error_of(answer_with, cognito, second, EMAIL, used)  # another challenge
    assert replayed["Code"] == ASSERTION_REFUSED
    authenticator.sign_count -= 1  # a cloned authenticator: the same sign count again
    same_count = error_of(answer_with, cognito, second, EMAIL, assertion(authenticator, second))
    assert same_count["Code"] == ASSERTION_REFUSED
    answer = answer_with(cognito, second, EMAIL, assertion(authenticator, second))
    assert "AccessToken" in answer["AuthenticationResult"]


def test_another_origin_is_refused(cognito, pat):
    elsewhere = SoftwareAuthenticator("https://evil.example")
    refused = error_of(_complete, cognito, pat, elsewhere.create(_started(cognito, pat)))
    assert refused["Code"] == "WebAuthnOriginNotAllowedException"

    authenticator = register_passkey(cognito, pat)
    challenge = passkey_challenge(cognito, EMAIL)
    credential = assertion(authenticator, challenge, origin="https://evil.example")
    assert error_of(answer_with, cognito, challenge, EMAIL, credential)["Code"] == ASSERTION_REFUSED
    # https on the rp id itself, or any port of http://localhost, is the same site
    for origin in ("https://localhost", "http://localhost:3000"):
        credential = assertion(authenticator, challenge, origin=origin)
        assert (
            "AccessToken"
            in answer_with(cognito, challenge, EMAIL, credential)["AuthenticationResult"]
        )
        challenge = passkey_challenge(cognito, EMAIL)


def test_origins_of_a_real_domain(cognito, admin, pat):
    admin.set_user_pool_mfa_config(
        UserPoolId=USER_POOL_ID,
        MfaConfiguration="OFF",
        WebAuthnConfiguration={"RelyingPartyId": "example.org"},
    )
    for origin in ("http://example.org", "https://example.org.evil.test", "http://localhost"):
        credential = SoftwareAuthenticator(origin).create(_started(cognito, pat))
        refused = error_of(_complete, cognito, pat, credential)
        assert refused["Code"] == "WebAuthnOriginNotAllowedException", origin
    register_passkey(cognito, pat, SoftwareAuthenticator("https://app.example.org"))
    listed = cognito.list_web_authn_credentials(AccessToken=pat)["Credentials"]
    assert [c["RelyingPartyId"] for c in listed] == ["example.org"]


def test_registration_refusals(cognito, pat, clock):
    authenticator = SoftwareAuthenticator(ORIGIN)
    not_started = error_of(_complete, cognito, pat, authenticator.create(_fake_options()))
    assert not_started["Code"] == "WebAuthnChallengeNotFoundException"

    superseded = _started(cognito, pat)
    _started(cognito, pat)
    stale = error_of(_complete, cognito, pat, authenticator.create(superseded))
    assert stale["Code"] == "WebAuthnChallengeNotFoundException"

    options = _started(cognito, pat)
    other_rp = {**options, "rp": {"id": "other.example", "name": "x"}}
    mismatch = error_of(_complete, cognito, pat, authenticator.create(other_rp))
    assert mismatch["Code"] == "WebAuthnRelyingPartyMismatchException"

    clock.advance(5 * 60)
    expired = error_of(_complete, cognito, pat, authenticator.create(options))
    assert expired["Code"] == "WebAuthnChallengeNotFoundException"

    garbage = {"id": "x", "rawId": "x", "type": "public-key", "response": {}}
    _started(cognito, pat)
    assert error_of(_complete, cognito, pat, garbage)["Code"] == "InvalidParameterException"


def _fake_options() -> dict:
    return {"challenge": "AAAA", "rp": {"id": "localhost"}, "user": {"id": "AAAA"}}


def test_a_credential_cannot_be_registered_twice(cognito, pat):
    authenticator = register_passkey(cognito, pat)
    options = {**_started(cognito, pat), "excludeCredentials": []}  # a careless browser
    refused = error_of(_complete, cognito, pat, authenticator.create(options))
    assert refused["Code"] == "InvalidParameterException"


def test_registration_needs_the_same_client(stub, cognito, pat):
    secret = stub.info()["secret_client_secret"]
    other = cognito.initiate_auth(
        ClientId=SECRET_CLIENT_ID,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={
            "USERNAME": EMAIL,
            "PASSWORD": STRONG_PASSWORD,
            "SECRET_HASH": secret_hash(secret, EMAIL, SECRET_CLIENT_ID),
        },
    )["AuthenticationResult"]["AccessToken"]
    credential = SoftwareAuthenticator(ORIGIN).create(_started(cognito, pat))
    refused = error_of(_complete, cognito, other, credential)
    assert refused["Code"] == "WebAuthnClientMismatchException"
    _complete(cognito, pat, credential)


def test_registration_needs_passkeys_enabled_and_a_relying_party(cognito, admin, pat):
    admin.set_user_pool_mfa_config(
        UserPoolId=USER_POOL_ID, MfaConfiguration="OFF", WebAuthnConfiguration={}
    )
    missing = error_of(cognito.start_web_authn_registration, AccessToken=pat)
    assert missing["Code"] == "WebAuthnConfigurationMissingException"
    set_first_factors(admin, ["PASSWORD", "EMAIL_OTP"])
    disabled = error_of(cognito.start_web_authn_registration, AccessToken=pat)
    assert disabled["Code"] == "WebAuthnNotEnabledException"


def test_required_user_verification(cognito, admin, pat):
    admin.set_user_pool_mfa_config(
        UserPoolId=USER_POOL_ID,
        MfaConfiguration="OFF",
        WebAuthnConfiguration={"RelyingPartyId": "localhost", "UserVerification": "required"},
    )
    unverified = SoftwareAuthenticator(ORIGIN, user_verified=False)
    options = _started(cognito, pat)
    assert options["authenticatorSelection"]["userVerification"] == "required"
    refused = error_of(_complete, cognito, pat, unverified.create(options))
    assert refused["Code"] == "InvalidParameterException"

    authenticator = register_passkey(cognito, pat)
    challenge = passkey_challenge(cognito, EMAIL)
    authenticator.user_verified = False
    credential = assertion(authenticator, challenge)
    assert error_of(answer_with, cognito, challenge, EMAIL, credential)["Code"] == ASSERTION_REFUSED
    authenticator.user_verified = True
    assert sign_in_with_passkey(cognito, authenticator, EMAIL)["AccessToken"]


def test_listing_is_paginated(cognito, pat):
    made = [register_passkey(cognito, pat).id for _ in range(3)]
    first = cognito.list_web_authn_credentials(AccessToken=pat, MaxResults=2)
    assert [c["CredentialId"] for c in first["Credentials"]] == made[:2]
    rest = cognito.list_web_authn_credentials(
        AccessToken=pat, MaxResults=2, NextToken=first["NextToken"]
    )
    assert [c["CredentialId"] for c in rest["Credentials"]] == made[2:]
    assert "NextToken" not in rest
    bad = error_of(cognito.list_web_authn_credentials, AccessToken=pat, NextToken="not-a-token")
    assert bad["Code"] == "InvalidParameterException"


def test_a_user_without_a_passkey_looks_like_nobody(cognito, pat):
    """WEB_AUTHN preferred, with no passkey or no account: the same choice, without it."""
    without = user_auth(cognito, DEMO_EMAIL, "WEB_AUTHN")
    nobody = user_auth(cognito, "nobody@example.org", "WEB_AUTHN")
    assert shape(without) == shape(nobody)
    assert "WEB_AUTHN" not in nobody["AvailableChallenges"]


def test_passkey_operations_are_counted_and_can_fail(stub, pat):
    cognito = make_client(stub.url)
    stub.clear_calls()
    stub.inject_fault("StartWebAuthnRegistration", "TooManyRequestsException")
    refused = error_of(cognito.start_web_authn_registration, AccessToken=pat)
    assert refused["Code"] == "TooManyRequestsException"
    cognito.list_web_authn_credentials(AccessToken=pat)
    assert stub.calls() == {"StartWebAuthnRegistration": 1, "ListWebAuthnCredentials": 1}


def test_passkey_operations_answer_a_browser_on_another_origin(stub, pat):
    target = "AWSCognitoIdentityProviderService.StartWebAuthnRegistration"
    status, headers, body = cors_request(
        stub.url,
        "POST",
        "/",
        {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target, "Origin": ORIGIN},
        json.dumps({"AccessToken": pat}).encode(),
    )
    assert (status, headers["access-control-allow-origin"]) == (200, "*")
    assert "challenge" in json.loads(body)["CredentialCreationOptions"]


def test_an_access_token_is_required(cognito):
    refused = error_of(cognito.list_web_authn_credentials, AccessToken="garbage")
    assert (refused["Code"], refused["Message"]) == (
        "NotAuthorizedException",
        "Invalid Access Token",
    )
