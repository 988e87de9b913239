"""A local Amazon Cognito user-pool endpoint (moto underneath, Cognito's behaviour on top)."""

from .client import StubClient, StubClientError
from .ids import (
    APP_CLIENT_ID,
    DEMO_EMAIL,
    DEMO_PASSWORD,
    ISSUER,
    REGION,
    SECRET_CLIENT_ID,
    USER_POOL_ID,
)
from .server import StubServer

__all__ = [
    "APP_CLIENT_ID",
    "DEMO_EMAIL",
    "DEMO_PASSWORD",
    "ISSUER",
    "REGION",
    "SECRET_CLIENT_ID",
    "USER_POOL_ID",
    "StubClient",
    "StubClientError",
    "StubServer",
]
