"""The stub's fixed ids and the published demo credentials."""

from __future__ import annotations

REGION = "us-east-1"
ACCOUNT_ID = "123456789012"
USER_POOL_ID = "us-east-1_StubPool01"
USER_POOL_NAME = "local-stub"
APP_CLIENT_ID = "localstubappclient00000001"
APP_CLIENT_NAME = "local-stub-app"
SECRET_CLIENT_ID = "localstubsecretclient00001"  # noqa: S105 - an id
SECRET_CLIENT_NAME = "local-stub-secret-app"  # noqa: S105 - a name
DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "Demo-Passw0rd!"  # noqa: S105 - a published demo credential
ISSUER = f"https://cognito-idp.{REGION}.amazonaws.com/{USER_POOL_ID}"
