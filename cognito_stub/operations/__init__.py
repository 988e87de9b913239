"""The operations where we replace moto's behaviour with Cognito's, grouped by topic.

Each handler takes the StubState and the request parameters and returns the JSON answer, or
raises CognitoError. HANDLERS is what the engine is given; every other operation goes to moto.
"""

from __future__ import annotations

from . import (
    account,
    admin_users,
    attributes,
    auth,
    mfa,
    mfa_pool,
    passwords,
    pool_settings,
    sign_up,
    tokens,
    webauthn_credentials,
)

HANDLERS = {
    **sign_up.HANDLERS,
    **passwords.HANDLERS,
    **auth.HANDLERS,
    **tokens.HANDLERS,
    **account.HANDLERS,
    **attributes.HANDLERS,
    **mfa.HANDLERS,
    **mfa_pool.HANDLERS,
    **pool_settings.HANDLERS,
    **webauthn_credentials.HANDLERS,
    **admin_users.HANDLERS,
}

__all__ = ["HANDLERS"]
