"""The one boto3 client, and the settings it is built from."""

import base64
import functools
import hashlib
import hmac
from dataclasses import dataclass

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

REQUIRED_SETTINGS = ("COGNITO_REGION", "COGNITO_USER_POOL_ID", "COGNITO_APP_CLIENT_ID")


@dataclass(frozen=True)
class CognitoSettings:
    region: str
    user_pool_id: str
    app_client_id: str
    app_client_secret: str
    endpoint_url: str

    @property
    def issuer(self) -> str:
        return f"https://cognito-idp.{self.region}.amazonaws.com/{self.user_pool_id}"

    @property
    def jwks_url(self) -> str:
        base = self.endpoint_url.rstrip("/") or f"https://cognito-idp.{self.region}.amazonaws.com"
        return f"{base}/{self.user_pool_id}/.well-known/jwks.json"


def cognito_settings() -> CognitoSettings:
    missing = [name for name in REQUIRED_SETTINGS if not getattr(settings, name, "")]
    if missing:
        raise ImproperlyConfigured(f"Cognito is not configured; set {', '.join(missing)}.")
    return CognitoSettings(
        region=settings.COGNITO_REGION,
        user_pool_id=settings.COGNITO_USER_POOL_ID,
        app_client_id=settings.COGNITO_APP_CLIENT_ID,
        app_client_secret=settings.COGNITO_APP_CLIENT_SECRET or "",
        endpoint_url=settings.COGNITO_ENDPOINT_URL or "",
    )


# Cognito's LimitExceededException is a person's attempt limit ("try after some time"), not
# throttling; botocore retries it as throttling, which spends attempts and keeps them waiting.
NOT_RETRIED = {"LimitExceededException"}


@functools.cache
def cognito_client():
    """Public flows need no AWS credentials; admin calls use the default credential chain."""
    conf = cognito_settings()
    client = boto3.client(
        "cognito-idp",
        region_name=conf.region,
        endpoint_url=conf.endpoint_url or None,
        config=Config(
            retries={"mode": "standard", "max_attempts": 3},
            connect_timeout=settings.COGNITO_CONNECT_TIMEOUT,
            read_timeout=settings.COGNITO_READ_TIMEOUT,
        ),
    )
    service = client.meta.service_model.service_id.hyphenize()
    client.meta.events.register_first(f"needs-retry.{service}", _answer_limits_at_once)
    return client


def _answer_limits_at_once(response=None, operation=None, **_) -> None:
    """Raise what botocore would raise without retrying, before its retry handler runs."""
    if response is None:
        return
    parsed = response[1]
    if parsed.get("Error", {}).get("Code") in NOT_RETRIED:
        raise ClientError(parsed, operation.name)


def secret_hash(username: str) -> dict[str, str]:
    """`{"SecretHash": ...}` when the app client has a secret, else nothing to add."""
    conf = cognito_settings()
    if not conf.app_client_secret:
        return {}
    digest = hmac.new(
        conf.app_client_secret.encode(),
        (username + conf.app_client_id).encode(),
        hashlib.sha256,
    ).digest()
    return {"SecretHash": base64.b64encode(digest).decode()}
