"""Helpers for the passkey (WebAuthn) contract tests: a user's passkey registered with the
stub's SoftwareAuthenticator, and a passkey sign-in through USER_AUTH."""

from __future__ import annotations

import json

from cognito_stub.software_authenticator import SoftwareAuthenticator

from .user_auth_helpers import respond, user_auth

ORIGIN = "http://localhost:8000"  # a site on localhost: what the default rp id `localhost` allows


def register_passkey(cognito, access: str, authenticator: SoftwareAuthenticator | None = None):
    """Start and complete a registration for the user of `access`; the authenticator."""
    authenticator = authenticator or SoftwareAuthenticator(ORIGIN)
    options = cognito.start_web_authn_registration(AccessToken=access)
    credential = authenticator.create(options["CredentialCreationOptions"])
    cognito.complete_web_authn_registration(AccessToken=access, Credential=credential)
    return authenticator


def passkey_challenge(cognito, email: str) -> dict:
    """USER_AUTH with WEB_AUTHN preferred: the WEB_AUTHN challenge."""
    challenge = user_auth(cognito, email, "WEB_AUTHN")
    assert challenge["ChallengeName"] == "WEB_AUTHN", challenge
    return challenge


def assertion(authenticator: SoftwareAuthenticator, challenge: dict, **kwargs) -> dict:
    """The authenticator's answer to a WEB_AUTHN challenge (AuthenticationResponseJSON)."""
    options = challenge["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"]
    return authenticator.get(options, **kwargs)


def answer_with(cognito, challenge: dict, email: str, credential: dict) -> dict:
    return respond(cognito, challenge, email, CREDENTIAL=json.dumps(credential))


def sign_in_with_passkey(cognito, authenticator: SoftwareAuthenticator, email: str) -> dict:
    """A whole passkey sign-in: the AuthenticationResult."""
    challenge = passkey_challenge(cognito, email)
    answer = answer_with(cognito, challenge, email, assertion(authenticator, challenge))
    return answer["AuthenticationResult"]
