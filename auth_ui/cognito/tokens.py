"""Verify Cognito ID tokens against the pool's JWKS before anything trusts their claims."""

import functools
import logging
from typing import Any

import jwt
from django.views.decorators.debug import sensitive_variables

from .client import cognito_settings
from .errors import AuthError

logger = logging.getLogger(__name__)

JWKS_CACHE_SECONDS = 3600


@functools.cache
def jwks_client() -> jwt.PyJWKClient:
    return jwt.PyJWKClient(
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
