"""Everything the stub knows: moto's users (through the bridge), codes, outbox, lockouts,
revoked and expiring tokens, pending email changes, MFA (pool and user settings, TOTP secrets,
sign-in challenge sessions), the client secret and the options. Operations receive it; they
never see the engine."""

from __future__ import annotations

import secrets
import string
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import moto_bridge as bridge
from . import passwords
from .access_tokens import AccessTokenBook
from .challenges import ChallengeBook
from .codes import FAMILY, FORGOT_PASSWORD, CodeBook, new_code
from .ids import USER_POOL_ID
from .lockout import LockoutBook
from .mfa import SEEDED_SMS, PoolMfaBook, PoolMfaConfig, UserMfaBook
from .outbox import Outbox
from .seed import seed
from .totp import TotpBook


@dataclass(frozen=True)
class StubOptions:
    lockout_seconds: float = 60.0
    signup_code_ttl: float = 24 * 3600.0
    reset_code_ttl: float = 3600.0
    # False: no secret client; True: one with a generated secret; a string: that secret.
    client_secret: bool | str = False
    echo: bool = True
    max_code_attempts: int = 5
    max_password_attempts: int = 5
    # The seeded pool's MFA: "off", "optional" or "on" (the last two with every method).
    mfa: str = "off"
    # What code expiry, lockouts, challenge sessions and TOTP codes read the time from
    # (seconds, Unix time for TOTP to match authenticator apps); tests pass a fake one.
    clock: Callable[[], float] = time.time

    def __post_init__(self) -> None:
        PoolMfaConfig.preset(self.mfa)  # ValueError for anything but off, optional, on


def generate_client_secret() -> str:
    alphabet = string.ascii_lowercase + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(51))


class StubState:
    def __init__(self, options: StubOptions | None = None, **overrides: Any):
        self.options = options or StubOptions(**overrides)
        clock = self.options.clock
        self.codes = CodeBook(self.options.max_code_attempts, clock=clock)
        self.outbox = Outbox(self.options.echo)
        self.lockouts = LockoutBook(
            self.options.max_password_attempts, self.options.lockout_seconds, clock=clock
        )
        self.revoked_tokens: set[str] = set()  # refresh tokens
        self.access_tokens = AccessTokenBook(clock=clock)
        # A changed email waiting for its code (pools that verify email before updating it),
        # by user id. Cognito shows it nowhere: GetUser and tokens keep the old email.
        self.pending_emails: dict[str, str] = {}
        self.pool_mfa = PoolMfaBook()
        self.user_mfa = UserMfaBook()
        self.totp = TotpBook(clock=clock)
        self.challenges = ChallengeBook(clock=clock, max_wrong_codes=self.options.max_code_attempts)
        secret = self.options.client_secret
        self.client_secret: str | None = (
            (secret if isinstance(secret, str) else generate_client_secret()) if secret else None
        )
        self.backend: Any = None

    def reset(self) -> None:
        """Wipe moto's cognito-idp state and ours, then seed the fixed pool/clients/demo user.
        moto checks passwords with our check, so its messages are Cognito's too."""
        backend = bridge.reset_backend(self.check_password, self.access_tokens.issued)
        seed(backend, self.client_secret)
        self.backend = backend
        self.codes.clear()
        self.outbox.clear()
        self.lockouts.clear()
        self.revoked_tokens.clear()
        self.access_tokens.clear()
        self.pending_emails.clear()
        self.pool_mfa.clear()
        self.pool_mfa.set(USER_POOL_ID, PoolMfaConfig.preset(self.options.mfa))
        self.user_mfa.clear()
        self.totp.clear()
        self.challenges.clear()

    def pool_mfa_config(self, pool: Any) -> PoolMfaConfig:
        """The pool's MFA configuration. A pool never configured here (made by CreateUserPool)
        has the MfaConfiguration it was made with, and SMS as its method (all CreateUserPool
        can configure)."""
        found = self.pool_mfa.get(bridge.pool_id(pool))
        if found is not None:
            return found
        mode = bridge.mfa_configuration(pool)
        return PoolMfaConfig() if mode == "OFF" else PoolMfaConfig(mode, sms=dict(SEEDED_SMS))

    def forget_user(self, user: Any) -> None:
        """Drop what we keep about a deleted user."""
        key = bridge.user_id(user)
        self.pending_emails.pop(key, None)
        self.user_mfa.forget(key)
        self.totp.forget(key)

    def check_password(self, pool: Any, password: str | None) -> None:
        """Raise InvalidPasswordException (Cognito's wording) if `password` breaks the pool's
        policy."""
        policy = bridge.password_policy(pool)
        passwords.check_password(password, policy or passwords.DEFAULT_PASSWORD_POLICY)

    def send_code(self, user: Any, purpose: str, to: str | None = None) -> str:
        """Issue a new code for `purpose` to `to` (default: the user's email) and record it in
        the outbox."""
        email = to or bridge.email_of(user)
        ttl = (
            self.options.reset_code_ttl
            if FAMILY[purpose] == FORGOT_PASSWORD
            else self.options.signup_code_ttl
        )
        code = self.codes.issue(bridge.user_id(user), purpose, email, ttl)
        self.outbox.record(email, bridge.username(user), purpose, code)
        return code

    def send_one_time_code(self, user: Any, purpose: str, to: str) -> str:
        """A new code for a sign-in challenge (the challenge session keeps it), recorded in the
        outbox as sent to `to` (a phone number or an email)."""
        code = new_code()
        self.outbox.record(to, bridge.username(user), purpose, code)
        return code

    def revoke_tokens(self, refresh_tokens: list[str], access_tokens: list[str]) -> None:
        """Remember revoked tokens, so that Cognito's "has been revoked" answers can be given."""
        self.revoked_tokens.update(refresh_tokens)
        self.access_tokens.revoke(access_tokens)

    def pool_exists(self, pool_id: str) -> bool:
        return self.backend is not None and bridge.find_pool(self.backend, pool_id) is not None


# An operation we answer ourselves: the state and the request parameters in, the JSON answer
# out (or a CognitoError raised). The engine holds its lock while a handler runs.
Handler = Callable[[StubState, dict[str, Any]], dict[str, Any]]
