"""The pool's key set is downloaded once for every process that shares the cache (Redis with
REDIS_URL), and downloaded again when a token names a key the set lacks."""

import time

import jwt
import pytest

from auth_ui import cognito
from auth_ui.cognito import tokens as tokens_module

from .conftest import CLIENT_ID, ISSUER


@pytest.fixture
def downloads(monkeypatch, signing_key):
    """The JWKS endpoint, counted: PyJWT's own download is replaced, our caching is not."""
    served = {"count": 0, "kid": "k1"}

    def fetch(client):
        served["count"] += 1
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(signing_key.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": served["kid"], "alg": "RS256", "use": "sig"}]}

    monkeypatch.setattr(jwt.PyJWKClient, "fetch_data", fetch)
    return served


def token(signing_key, make_claims, kid="k1"):
    return jwt.encode(make_claims(), signing_key, algorithm="RS256", headers={"kid": kid})


@pytest.fixture
def claims():
    def make():
        now = int(time.time())
        return {
            "sub": "abc",
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "token_use": "id",
            "iat": now,
            "exp": now + 3600,
        }

    return make


def new_process():
    """What a fresh worker or another instance has: no key set in memory, the shared cache."""
    tokens_module.jwks_client.cache_clear()


def test_processes_sharing_the_cache_download_the_key_set_once(downloads, signing_key, claims):
    for _ in range(3):
        new_process()
        assert cognito.verify_id_token(token(signing_key, claims))["sub"] == "abc"
    assert downloads["count"] == 1


def test_a_rotated_key_is_fetched_again_for_everyone(downloads, signing_key, claims, monkeypatch):
    cognito.verify_id_token(token(signing_key, claims))
    downloads["kid"] = "k2"  # Cognito rotated its keys, a minute later
    later = time.monotonic() + 60
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert cognito.verify_id_token(token(signing_key, claims, kid="k2"))["sub"] == "abc"
    assert downloads["count"] == 2
    new_process()  # another instance finds the new set in the shared cache
    assert cognito.verify_id_token(token(signing_key, claims, kid="k2"))["sub"] == "abc"
    assert downloads["count"] == 2


def test_tokens_naming_made_up_keys_force_one_download_per_cooldown(downloads, signing_key, claims):
    cognito.verify_id_token(token(signing_key, claims))
    for forged in ("x1", "x2", "x3"):
        with pytest.raises(cognito.AuthError) as raised:
            cognito.verify_id_token(token(signing_key, claims, kid=forged))
        assert raised.value.code == "InvalidIdToken"
    assert downloads["count"] == 1
