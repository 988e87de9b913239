"""Verify Cognito ID tokens against the pool's JWKS before anything trusts their claims."""

import functools
import logging
import time
from typing import Any

import jwt
from django.core.cache import cache
from django.views.decorators.debug import sensitive_variables

from .client import cognito_settings
from .errors import AuthError

logger = logging.getLogger(__name__)

JWKS_CACHE_SECONDS = 3600


class SharedJwksClient(jwt.PyJWKClient):
    """The pool's key set, kept in Django's cache (Redis with REDIS_URL) so every instance and
    worker shares one download an hour, and in each process's memory in front of that. A token
    signed by a key the set lacks (Cognito rotated its keys) still forces one fresh download,
    within PyJWT's cooldown."""

    @property
    def cache_key(self) -> str:
        return f"cognito:jwks:{self.uri}"

    def get_jwk_set(self, refresh: bool = False) -> jwt.PyJWKSet:
        if refresh:
            cache.delete(self.cache_key)
        return super().get_jwk_set(refresh)

    def fetch_data(self) -> Any:
        data = cache.get(self.cache_key)
        if data is None:
            data = super().fetch_data()
            cache.set(self.cache_key, data, JWKS_CACHE_SECONDS)
        # PyJWT's cooldown between forced downloads counts from here, wherever the set came
        # from: tokens naming made-up keys must not empty the shared cache on every request.
        self._last_successful_fetch = time.monotonic()
        return data


@functools.cache
def jwks_client() -> jwt.PyJWKClient:
    return SharedJwksClient(
        cognito_settings().jwks_url, cache_keys=True, lifespan=JWKS_CACHE_SECONDS
    )


@sensitive_variables()
def verify_id_token(token: str) -> dict[str, Any]:
    """Signature, expiry, issuer, audience and `token_use == "id"`, or AuthError.

    An unreachable JWKS is `ServiceUnavailable` (try again later); a token that fails the
    checks is `InvalidIdToken` (forged, or meant for another pool or client).
    """
    conf = cognito_settings()
    try:
        key = jwks_client().get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token,
            key.key,
            algorithms=["RS256"],
            audience=conf.app_client_id,
            issuer=conf.issuer,
            options={"require": ["exp", "iss", "aud", "sub", "token_use"]},
        )
    except jwt.PyJWKClientConnectionError:
        logger.warning("Cognito JWKS unreachable at %s", conf.jwks_url)
        raise AuthError("ServiceUnavailable") from None
    except jwt.PyJWTError as error:
        logger.error("Rejected a Cognito ID token: %s", type(error).__name__)
        raise AuthError("InvalidIdToken") from None
    if claims.get("token_use") != "id":
        logger.error("Rejected a Cognito token whose token_use is not 'id'")
        raise AuthError("InvalidIdToken")
    return claims
