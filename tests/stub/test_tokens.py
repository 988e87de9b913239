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


def _unverified(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def test_tokens_are_signed_with_the_stubs_own_key_not_motos(stub, cognito):
    result = sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AuthenticationResult"]
    [key] = _get(f"{stub.url}/{USER_POOL_ID}/.well-known/jwks.json")["keys"]
    assert key["kid"].startswith("cognito-stub-") and key["kid"] != "dummy"
    for token in (result["IdToken"], result["AccessToken"]):
        assert jwt.get_unverified_header(token) == {"kid": key["kid"], "alg": "RS256"}
    # moto's published private key can mint a token, but not one this JWKS accepts.
    from joserfc import jwk
    from joserfc import jwt as jose_jwt
    from moto.utilities.utils import load_resource

    moto_key = jwk.RSAKey.import_key(load_resource("cognitoidp/resources/jwks-private.json"))
    forged = jose_jwt.encode(
        {"kid": key["kid"], "alg": "RS256"}, _unverified(result["IdToken"]), moto_key
    )
    public_key = jwt.algorithms.RSAAlgorithm.from_jwk(key)
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(forged, public_key, algorithms=["RS256"], audience=APP_CLIENT_ID)


def test_claims_as_cognitos(cognito, admin):
    admin.add_custom_attributes(
        UserPoolId=USER_POOL_ID, CustomAttributes=[{"Name": "team", "AttributeDataType": "String"}]
    )
    admin.create_group(UserPoolId=USER_POOL_ID, GroupName="editors")
    admin.admin_add_user_to_group(UserPoolId=USER_POOL_ID, Username=DEMO_EMAIL, GroupName="editors")
    attributes = {
        "name": "Demo Person",
        "given_name": "Demo",
        "phone_number": "+15555550123",
        "phone_number_verified": "true",
        "custom:team": "blue",
    }
    admin.admin_update_user_attributes(
        UserPoolId=USER_POOL_ID,
        Username=DEMO_EMAIL,
        UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()],
    )
    sub = admin.admin_get_user(UserPoolId=USER_POOL_ID, Username=DEMO_EMAIL)["Username"]
    result = sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AuthenticationResult"]
    id_claims, access = _unverified(result["IdToken"]), _unverified(result["AccessToken"])
    assert id_claims["email_verified"] is True and id_claims["phone_number_verified"] is True
    for name in ("name", "given_name", "phone_number", "custom:team"):
        assert id_claims[name] == attributes[name]
    assert id_claims["cognito:groups"] == access["cognito:groups"] == ["editors"]
    assert id_claims["cognito:username"] == sub and id_claims["aud"] == APP_CLIENT_ID
    assert id_claims["event_id"] == access["event_id"]
    assert id_claims["origin_jti"] == access["origin_jti"]
    assert set(access) == {
        "sub", "cognito:groups", "iss", "client_id", "origin_jti", "event_id", "token_use",
        "scope", "auth_time", "exp", "iat", "jti", "username",
    }  # fmt: skip
    assert (access["scope"], access["client_id"], access["username"]) == (
        "aws.cognito.signin.user.admin",
        APP_CLIENT_ID,
        sub,
    )
    again = _unverified(
        sign_in(cognito, DEMO_EMAIL, DEMO_PASSWORD)["AuthenticationResult"]["IdToken"]
    )
    assert again["event_id"] != id_claims["event_id"]  # one per authentication


def test_a_client_with_read_attributes_sees_only_those(cognito, admin):
    client_id = admin.create_user_pool_client(
        UserPoolId=USER_POOL_ID,
        ClientName="reader",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"],
        ReadAttributes=["email"],
    )["UserPoolClient"]["ClientId"]
    result = cognito.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": DEMO_EMAIL, "PASSWORD": DEMO_PASSWORD},
    )["AuthenticationResult"]
    claims = _unverified(result["IdToken"])
    assert claims["email"] == DEMO_EMAIL and "email_verified" not in claims
