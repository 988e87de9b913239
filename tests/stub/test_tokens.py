"""ID tokens verify against the stub's JWKS with Cognito's claims."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import jwt
import pytest

from cognito_stub import APP_CLIENT_ID, DEMO_EMAIL, DEMO_PASSWORD, ISSUER, USER_POOL_ID

from .helpers import sign_in


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local stub
        return json.loads(response.read())


def test_id_token_verifies_with_the_jwks(stub, cognito, admin):
    id_token = sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AuthenticationResult"]["IdToken"]
    jwks_url = f"{stub.url}/{USER_POOL_ID}/.well-known/jwks.json"
    signing_key = jwt.PyJWKClient(jwks_url).get_signing_key_from_jwt(id_token)
    claims = jwt.decode(
        id_token,
        signing_key.key,
        algorithms=["RS256"],
        audience=APP_CLIENT_ID,
        issuer=ISSUER,
        options={"require": ["exp", "iss", "aud", "sub"]},
    )
    assert claims["iss"] == f"https://cognito-idp.us-east-1.amazonaws.com/{USER_POOL_ID}"
    assert claims["token_use"] == "id"
    assert claims["email"] == DEMO_EMAIL
    sub = admin.admin_get_user(UserPoolId=USER_POOL_ID, Username=DEMO_EMAIL)["Username"]
    assert claims["sub"] == sub


def test_jwks_key_from_jwk_and_wrong_audience_fails(stub, cognito):
    id_token = sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AuthenticationResult"]["IdToken"]
    [key] = _get(f"{stub.url}/{USER_POOL_ID}/.well-known/jwks.json")["keys"]
    public_key = jwt.algorithms.RSAAlgorithm.from_jwk(key)
    with pytest.raises(jwt.InvalidAudienceError):
        jwt.decode(id_token, public_key, algorithms=["RS256"], audience="someone-else")


def test_openid_configuration_and_unknown_pool(stub):
    config = _get(f"{stub.url}/{USER_POOL_ID}/.well-known/openid-configuration")
    assert config["issuer"] == ISSUER
    assert config["jwks_uri"] == f"{stub.url}/{USER_POOL_ID}/.well-known/jwks.json"
    with pytest.raises(urllib.error.HTTPError) as info:
        _get(f"{stub.url}/us-east-1_Nope/.well-known/jwks.json")
    assert info.value.code == 404
