"""The stub's state and its request handling: faults and call counts first, then our fidelity
handlers, and moto for every other operation."""

from __future__ import annotations

import json
import logging
import secrets
import string
import threading
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .codes import FAMILY, FORGOT_PASSWORD, CodeBook
from .errors import CognitoError, Response, error_response, json_response
from .faults import Fault, FaultBook, parse_fault
from .lockout import LockoutBook
from .moto_bridge import (
    TARGET_PREFIX,
    as_cognito_error,
    cognito_backend,
    dispatch,
    reuse_signing_key,
)
from .operations import HANDLERS
from .outbox import Outbox
from .passwords import DEFAULT_PASSWORD_POLICY, check_password
from .seed import USER_POOL_ID, seed
from .users import email_of, find_user, sign_in_name

log = logging.getLogger("cognito_stub")


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


def generate_client_secret() -> str:
    alphabet = string.ascii_lowercase + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(51))


class StubEngine:
    def __init__(self, options: StubOptions | None = None, **overrides: Any):
        self.options = options or StubOptions(**overrides)
        self.lock = threading.RLock()
        self.codes = CodeBook(self.options.max_code_attempts)
        self.outbox = Outbox(self.options.echo)
        self.faults = FaultBook()
        self.lockouts = LockoutBook(
            self.options.max_password_attempts, self.options.lockout_seconds
        )
        self.revoked_tokens: set[str] = set()
        self._calls: Counter[str] = Counter()
        secret = self.options.client_secret
        self.client_secret: str | None = (
            (secret if isinstance(secret, str) else generate_client_secret()) if secret else None
        )
        self.backend: Any = None

    # -- state ----------------------------------------------------------------------------
    def reset(self) -> None:
        """Wipe moto's cognito-idp state and ours, then seed the fixed pool/clients/demo user."""
        with self.lock:
            backend = cognito_backend()
            backend.reset()
            # moto's own check has one vague message; use Cognito's wording everywhere.
            backend._validate_password = self._validate_password_for_moto
            with reuse_signing_key():
                seed(backend, self.client_secret)
            self.backend = backend
            self.codes.clear()
            self.outbox.clear()
            self.faults.clear()
            self.lockouts.clear()
            self.revoked_tokens.clear()
            self._calls.clear()

    def _validate_password_for_moto(self, user_pool_id: str, password: str) -> None:
        self.check_password(self.backend.describe_user_pool(user_pool_id), password)

    def check_password(self, pool: Any, password: str | None) -> None:
        policy = pool.extended_config.get("Policies", {}).get("PasswordPolicy")
        check_password(password, policy or DEFAULT_PASSWORD_POLICY)

    def send_code(self, user: Any, purpose: str) -> str:
        email = email_of(user)
        ttl = (
            self.options.reset_code_ttl
            if FAMILY[purpose] == FORGOT_PASSWORD
            else self.options.signup_code_ttl
        )
        code = self.codes.issue(user.id, purpose, email, ttl)
        self.outbox.record(email, user.username, purpose, code)
        return code

    def calls(self) -> dict[str, int]:
        with self.lock:
            return dict(self._calls)

    def clear_calls(self) -> None:
        with self.lock:
            self._calls.clear()

    def inject_fault(self, spec: dict[str, Any]) -> Fault:
        return self.faults.add(parse_fault(spec))

    def pool_exists(self, pool_id: str) -> bool:
        with self.lock:
            return self.backend is not None and pool_id in self.backend.user_pools

    # -- requests -------------------------------------------------------------------------
    def handle(self, target: str | None, body: bytes) -> Response:
        """Answer one Cognito JSON-protocol request (`X-Amz-Target` header and body)."""
        if not target or not target.startswith(TARGET_PREFIX):
            return error_response(
                CognitoError("UnknownOperationException", f"Unknown target: {target}")
            )
        operation = target[len(TARGET_PREFIX) :]
        with self.lock:
            self._calls[operation] += 1
        fault = self.faults.take(operation)
        if fault is not None:
            if fault.delay_ms:
                time.sleep(fault.delay_ms / 1000)
            error = fault.to_error()
            if error is not None:
                return error_response(error)
        try:
            params = json.loads(body or b"{}")
        except ValueError:
            params = None
        if not isinstance(params, dict):
            return error_response(
                CognitoError("SerializationException", "Request body is not a JSON object")
            )
        with self.lock:
            try:
                handler = HANDLERS.get(operation)
                if handler is not None:
                    return json_response(handler(self, params))
                self._canonicalize_usernames(params)
                return dispatch(operation, params)
            except CognitoError as exc:
                return error_response(exc)
            except Exception as exc:
                translated = as_cognito_error(exc)
                if translated is not None:
                    return error_response(translated)
                log.exception("cognito-stub failed on %s", operation)
                return error_response(CognitoError("InternalErrorException", str(exc)))

    def _canonicalize_usernames(self, params: dict[str, Any]) -> None:
        """Let moto find users by email in any letter case (and by their sub)."""
        pool = self._pool_for(params)
        if pool is None:
            return
        for container, key in (
            (params, "Username"),
            (params.get("AuthParameters"), "USERNAME"),
            (params.get("ChallengeResponses"), "USERNAME"),
        ):
            if isinstance(container, dict) and isinstance(container.get(key), str):
                user = find_user(pool, container[key])
                if user is not None:
                    container[key] = sign_in_name(user)

    def _pool_for(self, params: dict[str, Any]) -> Any | None:
        pools = self.backend.user_pools
        if isinstance(params.get("UserPoolId"), str):
            return pools.get(params["UserPoolId"])
        client_id = params.get("ClientId")
        for pool in pools.values():
            if client_id in pool.clients:
                return pool
        return pools.get(USER_POOL_ID)
