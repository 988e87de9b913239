"""What each flow does, between the view that read the form and the gateway to Cognito.

Views call one function here and render the `Outcome` it returns (or the `AuthError` it raised);
they never import the gateway. Rate limits and `next` handling are called from here.
"""

from ..cognito import AuthError
from . import account, attributes, mfa, passkeys, passwordless
from .codes import resend_wait
from .outcome import Outcome
from .password import (
    finish_password_reset,
    policy_text,
    reset_code_taken,
    reset_password,
    send_reset_code,
    take_reset_code,
)
from .session import keep_tokens_fresh, sign_in_again, sign_out, signed_out_everywhere
from .sign_in import (
    answer_challenge,
    answer_code,
    awaited_code,
    awaits,
    can_set_up_email,
    choose_mfa,
    finish_totp_setup,
    mfa_choices,
    set_up_email,
    sign_in,
    start_totp_setup,
)
from .sign_up import confirm_sign_up, confirm_step_passed, resend_confirmation_code, sign_up

__all__ = [
    "AuthError",
    "Outcome",
    "account",
    "answer_challenge",
    "answer_code",
    "attributes",
    "awaited_code",
    "awaits",
    "can_set_up_email",
    "choose_mfa",
    "confirm_sign_up",
    "confirm_step_passed",
    "finish_password_reset",
    "finish_totp_setup",
    "keep_tokens_fresh",
    "mfa",
    "mfa_choices",
    "passkeys",
    "passwordless",
    "policy_text",
    "resend_confirmation_code",
    "resend_wait",
    "reset_code_taken",
    "reset_password",
    "send_reset_code",
    "set_up_email",
    "sign_in",
    "sign_in_again",
    "sign_out",
    "sign_up",
    "signed_out_everywhere",
    "start_totp_setup",
    "take_reset_code",
]
