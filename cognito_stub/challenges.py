"""Sign-in challenge sessions (MFA, SRP's PASSWORD_VERIFIER, USER_AUTH's first factors, and the
sign-in ConfirmSignUp allows): who is signing in, which challenge they must answer, the code or
passkey challenge sent for it, and how long the session lasts.

As in Cognito, a session lasts 3 minutes (the stub's clock) and is good for one successful
answer; a wrong code leaves it usable, until too many wrong codes end it."""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from .errors import not_authorized

SESSION_SECONDS = 3 * 60
MAX_WRONG_CODES = 5

INVALID_SESSION = "Invalid session for the user."
EXPIRED_SESSION = "Invalid session for the user, session is expired."
USED_SESSION = "Invalid session for the user, session can only be used once."
TOO_MANY_WRONG_CODES = (
    "Too many invalid credentials attempts. User temporarily locked. "
    "Please try again after few seconds."
)
# The session ConfirmSignUp answers with: one USER_AUTH sign-in with no other proof.
AFTER_SIGN_UP = "AFTER_SIGN_UP"


@dataclass
class Challenge:
    name: str  # the challenge the session answers, e.g. SOFTWARE_TOKEN_MFA, MFA_SETUP
    user_key: str  # the user's sub
    client_id: str
    expires_at: float = 0.0
    code: str = ""  # SMS_MFA / EMAIL_OTP: the code sent
    sent_to: str = ""  # ... and where
    choices: tuple[str, ...] = ()  # SELECT_MFA_TYPE / MFA_SETUP: the methods offered
    setup_email: str = ""  # EMAIL_OTP answering MFA_SETUP: the address being set up
    totp_verified: bool = False  # MFA_SETUP: a software token was verified with this session
    srp: Any = None  # PASSWORD_VERIFIER: the SRP exchange (srp_sign_in.Exchange)
    # USER_AUTH: a first-factor challenge (EMAIL_OTP is both a first factor and an MFA method).
    first_factor: bool = False
    # ... for a user who does not exist (user_key ""): the name typed, a stand-in is answered.
    username: str = ""
    passkey_challenge: str = ""  # WEB_AUTHN: the challenge (base64url) the passkey must sign
    wrong_codes: int = 0
    done: bool = False


class ChallengeBook:
    def __init__(
        self,
        clock: Callable[[], float] = time.time,
        lifetime: float = SESSION_SECONDS,
        max_wrong_codes: int = MAX_WRONG_CODES,
    ):
        self._clock = clock
        self.lifetime = lifetime
        self.max_wrong_codes = max_wrong_codes
        self._sessions: dict[str, Challenge] = {}
        self._lock = threading.Lock()

    def open(self, challenge: Challenge, session: str | None = None) -> str:
        """A new session for `challenge` (named `session`, or a random name), expiring
        `lifetime` seconds from now."""
        session = session or secrets.token_urlsafe(96)
        with self._lock:
            self._sessions[session] = replace(
                challenge, expires_at=self._clock() + self.lifetime, done=False
            )
        return session

    def take(self, session: str | None, client_id: str | None = None) -> Challenge:
        """The live challenge of `session` (for this client, if given), else
        NotAuthorizedException as Cognito words it for an unknown, expired, used or locked
        session."""
        with self._lock:
            challenge = self._sessions.get(session or "")
            if challenge is None or client_id not in (None, challenge.client_id):
                raise not_authorized(INVALID_SESSION)
            if challenge.done:
                raise not_authorized(USED_SESSION)
            if self._clock() >= challenge.expires_at:
                raise not_authorized(EXPIRED_SESSION)
            if challenge.wrong_codes >= self.max_wrong_codes:
                raise not_authorized(TOO_MANY_WRONG_CODES)
            return challenge

    def peek(self, session: str | None) -> Challenge | None:
        """The challenge a session was opened for, live or not (to route an answer)."""
        with self._lock:
            return self._sessions.get(session or "")

    def follow(self, session: str, challenge: Challenge) -> str:
        """End `session` and open the next one (same user and client) for `challenge`."""
        self.finish(session)
        return self.open(challenge)

    def open_next(self, challenge: Challenge, previous: str | None = None) -> str:
        """A session for `challenge`, following `previous` when there is one."""
        return self.follow(previous, challenge) if previous else self.open(challenge)

    def finish(self, session: str) -> None:
        with self._lock:
            if session in self._sessions:
                self._sessions[session].done = True

    def wrong_code(self, session: str) -> None:
        with self._lock:
            if session in self._sessions:
                self._sessions[session].wrong_codes += 1

    def clear(self) -> None:
        with self._lock:
            self._sessions.clear()
