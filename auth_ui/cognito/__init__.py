"""The gateway to Amazon Cognito: the only package that imports boto3."""

from .api import (
    Challenge,
    Tokens,
    admin_confirm_sign_up,
    confirm_forgot_password,
    confirm_sign_up,
    forgot_password,
    initiate_auth,
    password_policy,
    refresh_tokens,
    resend_confirmation_code,
    respond_to_challenge,
    revoke_token,
    sign_up,
    user_auth,
)
from .client import time_budget
from .errors import AuthError
from .mfa import associate_software_token, verify_software_token
from .tokens import verify_id_token

__all__ = [
    "AuthError",
    "Challenge",
    "Tokens",
    "admin_confirm_sign_up",
    "associate_software_token",
    "confirm_forgot_password",
    "confirm_sign_up",
    "forgot_password",
    "initiate_auth",
    "password_policy",
    "refresh_tokens",
    "resend_confirmation_code",
    "respond_to_challenge",
    "revoke_token",
    "sign_up",
    "time_budget",
    "user_auth",
    "verify_id_token",
    "verify_software_token",
]
