"""The stub's own token-signing key: an RSA key generated once per process (never moto's
published one), its public half served as the JWKS, and RS256 JWTs signed with it.

Nobody outside this process holds the private half, so nobody can mint a token that the
stub's JWKS accepts. Every StubServer in a process (and every reset) uses the same key, so a
verifier that cached the JWKS keeps working across restarts of an in-process stub."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from typing import Any

_lock = threading.Lock()
_key: SigningKey | None = None


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _intb64url(number: int) -> str:
    return b64url(number.to_bytes((number.bit_length() + 7) // 8, "big"))


class SigningKey:
    """An RSA-2048 key; `kid` is `cognito-stub-` + the start of its RFC 7638 thumbprint."""

    def __init__(self) -> None:
        from cryptography.hazmat.primitives.asymmetric import rsa

        self._private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        numbers = self._private.public_key().public_numbers()
        self._n, self._e = _intb64url(numbers.n), _intb64url(numbers.e)
        canonical = json.dumps({"e": self._e, "kty": "RSA", "n": self._n}, separators=(",", ":"))
        thumbprint = b64url(hashlib.sha256(canonical.encode()).digest())
        self.kid = f"cognito-stub-{thumbprint[:22]}"

    def public_jwk(self) -> dict[str, str]:
        return {
            "alg": "RS256",
            "e": self._e,
            "kid": self.kid,
            "kty": "RSA",
            "n": self._n,
            "use": "sig",
        }

    def jwks(self) -> bytes:
        """The JWKS document, as Cognito serves `/<pool>/.well-known/jwks.json`."""
        return json.dumps({"keys": [self.public_jwk()]}).encode()

    def sign(self, claims: dict[str, Any]) -> str:
        """An RS256 JWT of `claims`, headed `{"kid", "alg"}` as Cognito's are."""
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding

        header = {"kid": self.kid, "alg": "RS256"}
        parts = [b64url(json.dumps(p, separators=(",", ":")).encode()) for p in (header, claims)]
        signing_input = ".".join(parts).encode()
        signature = self._private.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
        return f"{signing_input.decode()}.{b64url(signature)}"


def process_key() -> SigningKey:
    """This process's key, generated on first use (~0.1 s)."""
    global _key
    with _lock:
        if _key is None:
            _key = SigningKey()
        return _key
