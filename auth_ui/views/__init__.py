"""One view per step: read the form, call one flow, render its outcome (or its refusal).

Each renders its whole page, or only the `card` partial for htmx. Views never import the gateway.
"""

from .account import (
    account,
    account_delete,
    account_email,
    account_password,
    account_phone,
    account_profile,
)
from .auth import (
    confirm,
    home,
    new_password,
    password_forgot,
    password_reset,
    sign_in,
    sign_out,
    sign_up,
)
from .mfa import mfa_choose, mfa_code, mfa_setup
from .pages import bad_request, csrf_failure, dev_mailbox
from .passkeys import account_passkey_add, account_passkey_remove, passkey_offer
from .passwordless import sign_in_code
from .security import account_security, account_security_app

__all__ = [
    "account",
    "account_delete",
    "account_email",
    "account_passkey_add",
    "account_passkey_remove",
    "account_password",
    "account_phone",
    "account_profile",
    "account_security",
    "account_security_app",
    "bad_request",
    "confirm",
    "csrf_failure",
    "dev_mailbox",
    "home",
    "mfa_choose",
    "mfa_code",
    "mfa_setup",
    "new_password",
    "passkey_offer",
    "password_forgot",
    "password_reset",
    "sign_in",
    "sign_in_code",
    "sign_out",
    "sign_up",
]
