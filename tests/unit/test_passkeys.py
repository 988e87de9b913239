"""Passkeys in account settings (list, add, remove) and the one-time offer of a passkey after a
sign-in with a password or a code. Cognito checks every credential; the app passes them on."""

import datetime
import json

import pytest
from django.core.cache import cache

from auth_ui.models import CognitoIdentity

from .conftest import POOL_ID, client_error, expect_get_user, expect_user_auth
from .pages import (
    AWS_TEXT,
    EMAIL,
    HTMX,
    PASSWORD,
    SIGN_IN_URL,
    SIGN_OUT_URL,
    alert,
    assert_navigates,
    assert_rendered,
    buttons,
    message,
    tags,
)

pytestmark = pytest.mark.django_db

SECURITY_URL = "/account/security/"
ADD_URL = "/account/passkeys/add/"
REMOVE_URL = "/account/passkeys/remove/"
OFFER_URL = "/account/passkeys/offer/"
ACCESS = "access-token"
CREATION = {
    "challenge": "Y2hhbGxlbmdl",
    "rp": {"id": "testserver", "name": "Site"},
    "user": {"id": "dXNlcg", "name": EMAIL, "displayName": EMAIL},
    "pubKeyCredParams": [{"type": "public-key", "alg": -7}],
}
ATTESTATION = {"id": "Y3JlZA", "type": "public-key", "response": {"attestationObject": "bw"}}
PASSKEY = {
    "CredentialId": "Y3JlZA",
    "FriendlyCredentialName": "Chrome on Linux",
    "RelyingPartyId": "testserver",
    "AuthenticatorAttachment": "platform",
    "AuthenticatorTransports": ["internal"],
    "CreatedAt": datetime.datetime(2026, 11, 2, 10, 0, tzinfo=datetime.UTC),
}


@pytest.fixture
def passkeys_here(settings):
    """USER_AUTH with passkeys allowed, the MFA configuration read; requests are https."""
    settings.COGNITO_SIGN_IN_FLOW = "choice"
    cache.set(f"cognito:first-factors:{POOL_ID}", ("PASSWORD", "EMAIL_OTP", "WEB_AUTHN"))
    cache.set(f"cognito:pool-mfa:{POOL_ID}", {"mode": "OPTIONAL", "methods": ["EMAIL_OTP"]})


def expect_password_sign_in(stubber, auth_result):
    expect_user_auth(stubber, auth_result(email=EMAIL), "PASSWORD", PASSWORD=PASSWORD)


def expect_list(stubber, *passkeys):
    stubber.add_response(
        "list_web_authn_credentials", {"Credentials": list(passkeys)}, {"AccessToken": ACCESS}
    )


def sign_in(client, stubber, auth_result, *passkeys):
    expect_password_sign_in(stubber, auth_result)
    expect_list(stubber, *passkeys)
    return client.post(SIGN_IN_URL, {"email": EMAIL, "password": PASSWORD}, secure=True)


@pytest.fixture
def signed_in(client, stubber, auth_result, passkeys_here):
    """Signed in by someone who already has a passkey (so no offer on the way)."""
    assert_navigates(sign_in(client, stubber, auth_result, PASSKEY), False, "/account/")
    return client


def follow_securely(client, url):
    return assert_rendered(client.get(url, secure=True), False, 200)


def expect_security(stubber, *passkeys):
    expect_list(stubber, *passkeys)
    expect_get_user(stubber, email=EMAIL)


# --- the offer after signing in ----------------------------------------------------------------


def test_a_passkey_is_offered_once_after_a_password_sign_in(
    client, stubber, auth_result, passkeys_here
):
    response = sign_in(client, stubber, auth_result)  # no passkey yet
    assert_navigates(response, False, f"{OFFER_URL}?next=%2Faccount%2F")
    body = client.get(f"{OFFER_URL}?next=/account/", secure=True).content.decode()
    assert buttons(body) == ["Add a passkey", "Not now"]
    add = next(a for t, a in tags(body) if t == "button" and "data-passkey-button" in a)
    assert "hidden" in add  # our script shows it where the browser has passkeys
    response = client.post(OFFER_URL, {"next": "/account/"}, secure=True)
    assert_navigates(response, False, "/account/")
    assert CognitoIdentity.objects.get().passkey_offer_answered
    client.post(SIGN_OUT_URL, secure=True)
    # Answered: the next sign-in goes straight on, without even asking Cognito for the list.
    expect_password_sign_in(stubber, auth_result)
    response = client.post(SIGN_IN_URL, {"email": EMAIL, "password": PASSWORD}, secure=True)
    assert_navigates(response, False, "/account/")


def test_someone_with_a_passkey_is_not_offered_one(client, stubber, auth_result, passkeys_here):
    assert_navigates(sign_in(client, stubber, auth_result, PASSKEY), False, "/account/")
    assert not CognitoIdentity.objects.get().passkey_offer_answered


def test_the_offer_keeps_only_a_safe_next(signed_in):
    response = signed_in.post(OFFER_URL, {"next": "https://evil.example/"}, secure=True)
    assert_navigates(response, False, "/account/")


# --- the list on the security page --------------------------------------------------------------


def test_the_security_page_lists_passkeys_with_remove(signed_in, stubber):
    expect_security(stubber, PASSKEY)
    body = assert_rendered(signed_in.get(SECURITY_URL, secure=True), False, 200)
    assert "Chrome on Linux" in body and "On this device" in body and "Added 2 Nov 2026" in body
    assert "Remove" in buttons(body) and "Add a passkey" in buttons(body)
    removal = next(a for t, a in tags(body) if t == "input" and a.get("name") == "credential_id")
    assert removal["value"] == "Y3JlZA"


def test_no_passkeys_section_where_passkeys_are_not_offered(signed_in, stubber, settings):
    settings.COGNITO_WEBAUTHN_RP_ID = "example.com"  # this host isn't the relying party
    expect_get_user(stubber, email=EMAIL)
    body = assert_rendered(signed_in.get(SECURITY_URL, secure=True), False, 200)
    assert 'data-testid="passkeys"' not in body
    assert signed_in.post(ADD_URL, {}, secure=True).status_code == 400


# --- adding one ---------------------------------------------------------------------------------


def test_adding_a_passkey(signed_in, stubber):
    stubber.add_response(
        "start_web_authn_registration",
        {"CredentialCreationOptions": CREATION},
        {"AccessToken": ACCESS},
    )
    expect_security(stubber, PASSKEY)
    body = assert_rendered(signed_in.post(ADD_URL, {}, secure=True, **HTMX), True, 200)
    create = next(a for t, a in tags(body) if "data-passkey-create" in a)
    assert json.loads(create["data-passkey-create"]) == CREATION
    assert create["data-answer-url"] == ADD_URL
    stubber.add_response(
        "complete_web_authn_registration",
        {},
        {"AccessToken": ACCESS, "Credential": ATTESTATION},
    )
    response = signed_in.post(ADD_URL, {"credential": json.dumps(ATTESTATION)}, secure=True, **HTMX)
    assert_navigates(response, True, SECURITY_URL)
    expect_security(stubber, PASSKEY)
    assert "Passkey added." in follow_securely(signed_in, SECURITY_URL)


@pytest.mark.parametrize(
    "refused", ["WebAuthnChallengeNotFoundException", "WebAuthnOriginNotAllowedException"]
)
def test_a_refused_registration_says_the_passkey_was_not_added(signed_in, stubber, refused):
    client_error(stubber, "complete_web_authn_registration", refused, AWS_TEXT)
    expect_security(stubber, PASSKEY)
    response = signed_in.post(ADD_URL, {"credential": json.dumps(ATTESTATION)}, secure=True)
    body = assert_rendered(response, False, 422)
    assert alert(body) == [message("PasskeyNotAdded")]
    assert AWS_TEXT not in body


def test_an_answer_that_is_not_json_never_reaches_cognito(signed_in, stubber):
    expect_security(stubber, PASSKEY)
    body = assert_rendered(
        signed_in.post(ADD_URL, {"credential": "{not json"}, secure=True), False, 422
    )
    assert alert(body) == [message("PasskeyNotAdded")]


# --- removing one -------------------------------------------------------------------------------


def test_removing_a_passkey(signed_in, stubber):
    stubber.add_response(
        "delete_web_authn_credential", {}, {"AccessToken": ACCESS, "CredentialId": "Y3JlZA"}
    )
    response = signed_in.post(REMOVE_URL, {"credential_id": "Y3JlZA"}, secure=True)
    assert_navigates(response, False, SECURITY_URL)
    expect_security(stubber)
    body = follow_securely(signed_in, SECURITY_URL)
    assert "Passkey removed." in body
    assert 'data-testid="no-passkeys"' in body
