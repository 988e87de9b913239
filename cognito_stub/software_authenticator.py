"""A passkey authenticator in software, so that passkeys can be tested without a browser.

It holds one EC P-256 (ES256) credential and answers what `navigator.credentials.create()` and
`navigator.credentials.get()` would, in the shape a browser's `PublicKeyCredential.toJSON()`
gives (base64url fields), for the origin it is told it runs on:

    authenticator = SoftwareAuthenticator(origin="http://localhost:8000")
    options = cognito.start_web_authn_registration(AccessToken=access)["CredentialCreationOptions"]
    cognito.complete_web_authn_registration(
        AccessToken=access, Credential=authenticator.create(options)
    )
    challenge = ...  # InitiateAuth USER_AUTH with PREFERRED_CHALLENGE WEB_AUTHN
    options = challenge["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"]
    credential = json.dumps(authenticator.get(options))  # RespondToAuthChallenge's CREDENTIAL

Registration answers with attestation "none". Like a browser, it refuses (ValueError) options
whose `excludeCredentials` name its credential, or whose `allowCredentials` do not. Unlike a
browser it lets a test misbehave: `origin=` per call (a page on another site), `sign_count`
(set it back to replay a count), `user_verified`, and the answers are plain dicts to tamper with.
Only `cryptography` and `cbor2` are needed (both come with the `webauthn` package).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import struct
from typing import Any
from urllib.parse import urlsplit

import cbor2
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

ES256 = -7
# Authenticator-data flags (WebAuthn §6.1): user present, user verified, attested data.
USER_PRESENT, USER_VERIFIED, ATTESTED_DATA = 0x01, 0x04, 0x40
NO_AAGUID = bytes(16)  # what an authenticator that does not say what it is reports


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _options(options: str | dict[str, Any]) -> dict[str, Any]:
    """Options as Cognito hands them over: an object (CredentialCreationOptions), its JSON
    (CREDENTIAL_REQUEST_OPTIONS), or either wrapped in {"publicKey": ...}."""
    found = json.loads(options) if isinstance(options, str) else dict(options)
    return found.get("publicKey", found)


class SoftwareAuthenticator:
    def __init__(
        self,
        origin: str = "http://localhost",
        *,
        attachment: str = "platform",
        transports: tuple[str, ...] = ("internal",),
        aaguid: bytes = NO_AAGUID,
        user_verified: bool = True,
    ):
        self.origin = origin
        self.attachment = attachment
        self.transports = tuple(transports)
        self.aaguid = aaguid
        self.user_verified = user_verified
        self.sign_count = 0  # raised by one for every assertion
        self.credential_id = secrets.token_bytes(32)
        self.user_handle: str | None = None  # base64url, learnt at registration
        self._key = ec.generate_private_key(ec.SECP256R1())

    @property
    def id(self) -> str:
        """The credential id, base64url (PublicKeyCredential.id)."""
        return _b64url(self.credential_id)

    def create(self, options: str | dict[str, Any], *, origin: str | None = None) -> dict[str, Any]:
        """RegistrationResponseJSON for PublicKeyCredentialCreationOptions(JSON)."""
        options = _options(options)
        excluded = {c.get("id") for c in options.get("excludeCredentials") or ()}
        if self.id in excluded:
            raise ValueError("InvalidStateError: the authenticator already holds a credential")
        rp_id = (options.get("rp") or {}).get("id") or self._host(origin)
        self.user_handle = (options.get("user") or {}).get("id")
        client_data = self._client_data("webauthn.create", options["challenge"], origin)
        auth_data = self._authenticator_data(rp_id, ATTESTED_DATA, self._attested_credential())
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        public_key = self._key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return self._credential(
            {
                "clientDataJSON": _b64url(client_data),
                "attestationObject": _b64url(attestation),
                "authenticatorData": _b64url(auth_data),
                "transports": list(self.transports),
                "publicKeyAlgorithm": ES256,
                "publicKey": _b64url(public_key),
            },
            {"credProps": {"rk": True}},
        )

    def get(self, options: str | dict[str, Any], *, origin: str | None = None) -> dict[str, Any]:
        """AuthenticationResponseJSON for PublicKeyCredentialRequestOptions(JSON): a signature
        over the authenticator data and the client data's hash, with the next sign count."""
        options = _options(options)
        allowed = [c.get("id") for c in options.get("allowCredentials") or ()]
        if allowed and self.id not in allowed:
            raise ValueError("NotAllowedError: no credential of this authenticator is allowed")
        rp_id = options.get("rpId") or self._host(origin)
        self.sign_count += 1
        client_data = self._client_data("webauthn.get", options["challenge"], origin)
        auth_data = self._authenticator_data(rp_id)
        signed = auth_data + hashlib.sha256(client_data).digest()
        signature = self._key.sign(signed, ec.ECDSA(hashes.SHA256()))
        response = {
            "clientDataJSON": _b64url(client_data),
            "authenticatorData": _b64url(auth_data),
            "signature": _b64url(signature),
        }
        if self.user_handle:
            response["userHandle"] = self.user_handle
        return self._credential(response, {})

    # -- the pieces ---------------------------------------------------------------------------
    def _host(self, origin: str | None) -> str:
        return urlsplit(origin or self.origin).hostname or ""

    def _client_data(self, kind: str, challenge: str, origin: str | None) -> bytes:
        data = {
            "type": kind,
            "challenge": challenge,
            "origin": origin or self.origin,
            "crossOrigin": False,
        }
        return json.dumps(data, separators=(",", ":")).encode()

    def _authenticator_data(self, rp_id: str, flags: int = 0, attested: bytes = b"") -> bytes:
        flags |= USER_PRESENT | (USER_VERIFIED if self.user_verified else 0)
        rp_id_hash = hashlib.sha256(rp_id.encode()).digest()
        return rp_id_hash + bytes([flags]) + struct.pack(">I", self.sign_count) + attested

    def _attested_credential(self) -> bytes:
        """AAGUID, credential id and the COSE_Key of the public key."""
        numbers = self._key.public_key().public_numbers()
        cose_key = {
            1: 2,  # kty: EC2
            3: ES256,  # alg
            -1: 1,  # crv: P-256
            -2: numbers.x.to_bytes(32, "big"),
            -3: numbers.y.to_bytes(32, "big"),
        }
        length = struct.pack(">H", len(self.credential_id))
        return self.aaguid + length + self.credential_id + cbor2.dumps(cose_key)

    def _credential(self, response: dict[str, Any], extensions: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": self.id,
            "rawId": self.id,
            "type": "public-key",
            "authenticatorAttachment": self.attachment,
            "response": response,
            "clientExtensionResults": extensions,
        }
