"""The one boto3 client, the settings it is built from, and the time budget it works within."""

import base64
import functools
import hashlib
import hmac
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.views.decorators.debug import sensitive_variables

from .errors import AuthError, classify

logger = logging.getLogger(__name__)

REQUIRED_SETTINGS = ("COGNITO_REGION", "COGNITO_USER_POOL_ID", "COGNITO_APP_CLIENT_ID")
MAX_ATTEMPTS = 3


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


def missing_settings() -> list[str]:
    return [name for name in REQUIRED_SETTINGS if not getattr(settings, name, "")]


def cognito_settings() -> CognitoSettings:
    missing = missing_settings()
    if missing:
        raise ImproperlyConfigured(f"Cognito is not configured; set {', '.join(missing)}.")
    return CognitoSettings(
        region=settings.COGNITO_REGION,
        user_pool_id=settings.COGNITO_USER_POOL_ID,
        app_client_id=settings.COGNITO_APP_CLIENT_ID,
        app_client_secret=settings.COGNITO_APP_CLIENT_SECRET or "",
        endpoint_url=settings.COGNITO_ENDPOINT_URL or "",
    )


# --- the time budget --------------------------------------------------------------------------
# Every Cognito call of one request shares a deadline, so a slow Cognito costs the person at most
# COGNITO_TIME_BUDGET seconds before they read "unavailable": a retry that could not finish in
# what is left is not started.
_deadline: ContextVar[float | None] = ContextVar("cognito_deadline", default=None)
clock: Callable[[], float] = time.monotonic


@contextmanager
def time_budget(seconds: float | None = None) -> Iterator[None]:
    """Calls inside share one deadline; nested budgets keep the outer (earlier) one."""
    outer = _deadline.get()
    deadline = clock() + (settings.COGNITO_TIME_BUDGET if seconds is None else seconds)
    token = _deadline.set(deadline if outer is None else min(outer, deadline))
    try:
        yield
    finally:
        _deadline.reset(token)


def remaining_budget() -> float:
    deadline = _deadline.get()
    return float("inf") if deadline is None else deadline - clock()


def attempt_seconds() -> float:
    """The longest one attempt can take: connecting, then waiting for the answer."""
    return settings.COGNITO_CONNECT_TIMEOUT + read_timeout()


def read_timeout() -> float:
    return min(settings.COGNITO_READ_TIMEOUT, settings.COGNITO_TIME_BUDGET)


def retry_fits(attempts: int) -> bool:
    """Another attempt, after botocore's backoff (at most 2^(attempts-1) s), ends in time."""
    return remaining_budget() >= attempt_seconds() + 2 ** (attempts - 1)


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
            retries={"mode": "standard", "max_attempts": MAX_ATTEMPTS},
            connect_timeout=settings.COGNITO_CONNECT_TIMEOUT,
            read_timeout=read_timeout(),
        ),
    )
    service = client.meta.service_model.service_id.hyphenize()
    client.meta.events.register_first(f"needs-retry.{service}", stop_retries_that_cannot_help)
    return client


def stop_retrying(attempts: int, response=None, caught_exception=None) -> bool:
    """True when botocore must not retry: a person's attempt limit, or no time left for it."""
    error_code = response[1].get("Error", {}).get("Code") if response is not None else None
    if error_code in NOT_RETRIED:
        return True
    failed = caught_exception is not None or error_code is not None
    return failed and not retry_fits(attempts)


def stop_retries_that_cannot_help(
    attempts, response=None, caught_exception=None, operation=None, **_
) -> None:
    """Raise what botocore would raise without retrying, before its retry handler runs."""
    if not stop_retrying(attempts, response, caught_exception):
        return
    if caught_exception is not None:
        logger.warning("Cognito %s: no time left in the budget to retry", operation.name)
        raise caught_exception
    raise ClientError(response[1], operation.name)


@sensitive_variables()
def call(method: str, **params: Any) -> dict[str, Any]:
    """One Cognito operation through the one client, within the request's time budget; any
    failure leaves as an AuthError classified in `errors.py`."""
    with time_budget():
        if remaining_budget() <= 0:
            logger.warning("Cognito %s not called: the request's time budget is spent", method)
            raise AuthError("ServiceUnavailable")
        try:
            return getattr(cognito_client(), method)(**params)
        except (ClientError, BotoCoreError) as exc:
            raise classify(exc, operation=method) from None


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
