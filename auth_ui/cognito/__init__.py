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
    respond_to_new_password,
    revoke_token,
    sign_up,
)
from .errors import AuthError, auth_error
from .tokens import verify_id_token

__all__ = [
    "AuthError",
    "Challenge",
    "Tokens",
    "admin_confirm_sign_up",
    "auth_error",
    "confirm_forgot_password",
    "confirm_sign_up",
    "forgot_password",
    "initiate_auth",
    "password_policy",
    "refresh_tokens",
    "resend_confirmation_code",
    "respond_to_new_password",
    "revoke_token",
    "sign_up",
    "verify_id_token",
]
