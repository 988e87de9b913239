"""Everything the stub knows: moto's users (through the bridge), the managed pools, codes,
outbox, lockouts, revoked, expiring and rotated-out tokens, pending email changes, MFA (pool
and user settings, TOTP secrets, sign-in challenge sessions), passkeys (each pool's relying
party, each user's credentials), the token minter and the options.
Operations receive it; they never see the engine."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import moto_bridge as bridge
from . import passwords
from .access_tokens import AccessTokenBook
from .challenges import ChallengeBook
from .codes import FAMILY, FORGOT_PASSWORD, CodeBook, new_code
from .first_factors import STUB_DEFAULT, parse_factors
from .ids import REGION
from .lockout import LockoutBook
from .mfa import SEEDED_SMS, PoolMfaBook, PoolMfaConfig, UserMfaBook
from .minting import TokenMinter
from .outbox import Outbox
from .passkeys import USER_VERIFICATIONS, PasskeyBook, WebAuthnConfig
from .pools import DEFAULT_RP_ID, PoolSpec, new_client_secret
from .seed import build, seeded_spec
from .totp import TotpBook

ISSUER_MODES = ("aws", "endpoint")


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
    # Tokens' `iss`: "aws" (https://cognito-idp.<region>.amazonaws.com/<pool id>) or
    # "endpoint" (<the stub's URL>/<pool id>, where its JWKS and discovery document are).
    issuer: str = "aws"
    # Origins allowed to call the stub from a browser: ("*",) or exact origins.
    cors_origins: tuple[str, ...] = ("*",)
    # The seeded pool's AllowedFirstAuthFactors (a tuple, or "PASSWORD,EMAIL_OTP") and its
    # passkeys' relying party (origins https://<id>, its subdomains, http://localhost[:port]).
    first_factors: tuple[str, ...] = STUB_DEFAULT
    webauthn_rp_id: str = DEFAULT_RP_ID
    webauthn_user_verification: str = "preferred"

    def __post_init__(self) -> None:
        PoolMfaConfig.preset(self.mfa)  # ValueError for anything but off, optional, on
        object.__setattr__(self, "first_factors", parse_factors(self.first_factors))
        if not self.webauthn_rp_id:
            raise ValueError("webauthn_rp_id must be a host name, e.g. localhost")
        if self.webauthn_user_verification not in USER_VERIFICATIONS:
            raise ValueError("webauthn_user_verification must be preferred or required")
        if self.issuer not in ISSUER_MODES:
            raise ValueError(f"issuer must be aws or endpoint (not {self.issuer!r})")
        origins = self.cors_origins
        if isinstance(origins, str):  # "*" or "http://a.test,http://b.test"
            origins = [o.strip() for o in origins.split(",") if o.strip()]
        object.__setattr__(self, "cors_origins", tuple(origins))


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
        self.rotated_out: dict[str, float] = {}  # refresh token -> end of its grace period
        self.access_tokens = AccessTokenBook(clock=clock)
        self.minter = TokenMinter(self.issuer, self.access_tokens.issued)
        self.endpoint = ""  # the server's URL, once it listens (for the "endpoint" issuer)
        self.pools: dict[str, PoolSpec] = {}  # the pools made from a spec (and resettable)
        # A changed email waiting for its code (pools that verify email before updating it),
        # by user id. Cognito shows it nowhere: GetUser and tokens keep the old email.
        self.pending_emails: dict[str, str] = {}
        self.pool_mfa = PoolMfaBook()
        self.user_mfa = UserMfaBook()
        self.totp = TotpBook(clock=clock)
        self.challenges = ChallengeBook(clock=clock, max_wrong_codes=self.options.max_code_attempts)
        self.passkeys = PasskeyBook(clock=clock)
        secret = self.options.client_secret
        self.client_secret: str | None = (
            (secret if isinstance(secret, str) else new_client_secret()) if secret else None
        )
        self.backend: Any = None

    def issuer(self, pool_id: str) -> str:
        """The `iss` of the pool's tokens (and its discovery document's `issuer`)."""
        if self.options.issuer == "endpoint":
            return f"{self.endpoint.rstrip('/')}/{pool_id}"
        return f"https://cognito-idp.{REGION}.amazonaws.com/{pool_id}"

    def reset(self) -> None:
        """Wipe moto's cognito-idp state and ours (pools made since included), then seed the
        fixed pool/clients/demo user. moto checks passwords with our check, so its messages are
        Cognito's too."""
        self.backend = bridge.reset_backend(self.check_password, self.minter)
        for book in (self.codes, self.outbox, self.lockouts, self.access_tokens, self.minter):
            book.clear()
        for book in (self.pool_mfa, self.user_mfa, self.totp, self.challenges, self.passkeys):
            book.clear()
        self.revoked_tokens.clear()
        self.rotated_out.clear()
        self.pending_emails.clear()
        self.pools.clear()
        options = self.options
        self.add_pool(
            seeded_spec(
                self.client_secret,
                options.mfa,
                options.first_factors,
                options.webauthn_rp_id,
                options.webauthn_user_verification,
            )
        )

    def add_pool(self, spec: PoolSpec) -> None:
        """Build a managed pool (and its clients) from its spec, with the spec's MFA and
        passkey relying party."""
        build(self.backend, spec)
        self.pools[spec.pool_id] = spec
        self.pool_mfa.set(spec.pool_id, PoolMfaConfig.preset(spec.mfa))
        webauthn = WebAuthnConfig(spec.webauthn_rp_id, spec.webauthn_user_verification)
        self.passkeys.configure(spec.pool_id, webauthn)

    def remove_pool(self, pool_id: str) -> PoolSpec:
        """Drop a managed pool and what we keep about its users (KeyError if not managed)."""
        spec = self.pools.pop(pool_id)
        for user in bridge.delete_pool(self.backend, pool_id):
            self.forget_user(user)
        self.outbox.forget_pool(pool_id)
        self.passkeys.forget_pool(pool_id)
        return spec

    def reset_pool(self, pool_id: str) -> PoolSpec:
        """One managed pool back to what it was made as (KeyError if not managed)."""
        spec = self.remove_pool(pool_id)
        self.add_pool(spec)
        return spec

    def describe_pool(self, spec: PoolSpec) -> dict[str, Any]:
        return {**spec.describe(), "issuer": self.issuer(spec.pool_id), "endpoint": self.endpoint}

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
        self.passkeys.forget(key)
        self.lockouts.record_success(key)

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
        self.record_sent(user, purpose, email, code)
        return code

    def send_one_time_code(self, user: Any, purpose: str, to: str) -> str:
        """A new code for a sign-in challenge (the challenge session keeps it), recorded in the
        outbox as sent to `to` (a phone number or an email)."""
        code = new_code()
        self.record_sent(user, purpose, to, code)
        return code

    def record_sent(self, user: Any, purpose: str, to: str, code: str) -> None:
        """A message "sent" to `to` about `user` (a code, or an invitation's password)."""
        self.outbox.record(to, bridge.username(user), purpose, code, bridge.user_pool_id(user))

    def revoke_tokens(self, refresh_tokens: list[str], access_tokens: list[str]) -> None:
        """Remember revoked tokens, so that Cognito's "has been revoked" answers can be given."""
        self.revoked_tokens.update(refresh_tokens)
        self.access_tokens.revoke(access_tokens)

    def pool_exists(self, pool_id: str) -> bool:
        return self.backend is not None and bridge.find_pool(self.backend, pool_id) is not None


# An operation we answer ourselves: the state and the request parameters in, the JSON answer
# out (or a CognitoError raised). The engine holds its lock while a handler runs.
Handler = Callable[[StubState, dict[str, Any]], dict[str, Any]]
