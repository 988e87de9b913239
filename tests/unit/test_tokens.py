"""ID tokens are trusted only after their signature and claims check out."""

import time

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from auth_ui import cognito
from auth_ui.cognito.client import cognito_settings

from .conftest import CLIENT_ID, ISSUER, POOL_ID


def test_a_valid_token_yields_its_claims(make_id_token):
    claims = cognito.verify_id_token(make_id_token(sub="abc", email="ada@example.com"))
    assert (claims["sub"], claims["email"], claims["aud"], claims["iss"]) == (
        "abc",
        "ada@example.com",
        CLIENT_ID,
        ISSUER,
    )


@pytest.mark.parametrize(
    "claims",
    [
        {"aud": "another-client"},
        {"iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other"},
        {"exp": int(time.time()) - 10},
        {"token_use": "access"},
    ],
)
def test_tokens_with_wrong_claims_are_rejected(make_id_token, claims):
    with pytest.raises(cognito.AuthError) as raised:
        cognito.verify_id_token(make_id_token(**claims))
    assert raised.value.code == "InvalidIdToken"


def test_a_token_signed_by_another_key_is_rejected(make_id_token):
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(cognito.AuthError) as raised:
        cognito.verify_id_token(make_id_token(key=stranger))
    assert raised.value.code == "InvalidIdToken"


def test_jwks_url_follows_the_endpoint(settings):
    assert cognito_settings().jwks_url == (
        f"https://cognito-idp.us-east-1.amazonaws.com/{POOL_ID}/.well-known/jwks.json"
    )
    settings.COGNITO_ENDPOINT_URL = "http://127.0.0.1:9229/"
    assert cognito_settings().jwks_url == f"http://127.0.0.1:9229/{POOL_ID}/.well-known/jwks.json"
