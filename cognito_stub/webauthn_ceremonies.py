"""The WebAuthn ceremonies as Cognito runs them: the options handed to a browser
(PublicKeyCredentialCreationOptions for StartWebAuthnRegistration, PublicKeyCredentialRequestOptions
for the WEB_AUTHN challenge) and the checks of what the browser answers, verified for real with
the `webauthn` package. That package is imported only when a passkey is registered or used, so
the rest of the stub runs without it.

Origins a relying party id accepts: `https://<rp id>` and `https://<any subdomain>.<rp id>` (any
port), and `http://localhost[:port]` when the rp id is `localhost` (browsers allow WebAuthn on
plain-HTTP localhost)."""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .challenges import SESSION_SECONDS
from .errors import CognitoError, invalid_parameter, not_authorized
from .passkeys import Passkey, Registration, WebAuthnConfig
from .signing import b64url

CREATION_TIMEOUT_MS = 60_000
REQUEST_TIMEOUT_MS = SESSION_SECONDS * 1000
ES256, RS256 = -7, -257
PUBLIC_KEY_ALGORITHMS = (ES256, RS256)
# Cognito names a passkey after its authenticator's AAGUID; the stub has no AAGUID registry.
FRIENDLY_NAME = "Passkey"
ASSERTION_FAILED = "The passkey's assertion could not be verified."
WEBAUTHN_MISSING = "cognito-stub needs the webauthn package for passkeys: pip install webauthn"


def new_challenge() -> str:
    """32 random bytes, base64url (as the options carry it)."""
    return b64url(secrets.token_bytes(32))


def origin_allowed(origin: str, rp_id: str) -> bool:
    parts = urlsplit(origin)
    host = parts.hostname or ""
    if f"{parts.scheme}://{parts.netloc}" != origin or not host:
        return False
    if parts.scheme == "https":
        return host == rp_id or host.endswith("." + rp_id)
    return parts.scheme == "http" and rp_id == "localhost" and host == "localhost"


@dataclass(frozen=True)
class UserEntity:
    """PublicKeyCredentialUserEntity: who the passkey is for."""

    id: str  # base64url user handle
    name: str
    display_name: str


def creation_options(
    config: WebAuthnConfig,
    rp_name: str,
    user: UserEntity,
    existing: list[Passkey],
    challenge: str,
) -> dict[str, Any]:
    """StartWebAuthnRegistration's CredentialCreationOptions (a discoverable credential, one
    the user has not registered already)."""
    return {
        "challenge": challenge,
        "rp": {"id": config.rp_id, "name": rp_name},
        "user": {"id": user.id, "name": user.name, "displayName": user.display_name},
        "pubKeyCredParams": [{"type": "public-key", "alg": alg} for alg in PUBLIC_KEY_ALGORITHMS],
        "timeout": CREATION_TIMEOUT_MS,
        "excludeCredentials": [p.descriptor() for p in existing],
        "authenticatorSelection": {
            "residentKey": "required",
            "requireResidentKey": True,
            "userVerification": config.user_verification,
        },
        "extensions": {"credProps": True},
    }


def request_options(config: WebAuthnConfig, passkeys: list[Passkey], challenge: str) -> str:
    """The WEB_AUTHN challenge's CREDENTIAL_REQUEST_OPTIONS (a JSON string)."""
    options = {
        "challenge": challenge,
        "timeout": REQUEST_TIMEOUT_MS,
        "rpId": config.rp_id,
        "allowCredentials": [p.descriptor() for p in passkeys],
        "userVerification": config.user_verification,
    }
    return json.dumps(options, separators=(",", ":"))


def _webauthn_errors() -> tuple[type[Exception], ...]:
    """The errors a credential that does not parse or verify raises (and a clear refusal when
    the `webauthn` package is not installed)."""
    try:
        from webauthn.helpers.exceptions import WebAuthnException
    except ImportError as exc:
        raise CognitoError("InternalErrorException", WEBAUTHN_MISSING) from exc

    return (WebAuthnException, ValueError, TypeError, KeyError)


def _rp_id_hash(rp_id: str) -> bytes:
    return hashlib.sha256(rp_id.encode()).digest()


def verify_registration(credential: Any, registration: Registration) -> Passkey:
    """CompleteWebAuthnRegistration's Credential (RegistrationResponseJSON, an object or its
    JSON text), checked against the started registration, as a new Passkey. Cognito's errors:
    another challenge → WebAuthnChallengeNotFoundException, an origin the rp id does not cover
    → WebAuthnOriginNotAllowedException, another rp id → WebAuthnRelyingPartyMismatchException,
    a key type not offered → WebAuthnCredentialNotSupportedException; anything else that does
    not verify → InvalidParameterException."""
    errors = _webauthn_errors()
    from webauthn import verify_registration_response
    from webauthn.helpers import (
        base64url_to_bytes,
        parse_attestation_object,
        parse_client_data_json,
        parse_registration_credential_json,
    )
    from webauthn.helpers.exceptions import InvalidRegistrationResponse

    try:
        parsed = parse_registration_credential_json(credential)
        client_data = parse_client_data_json(parsed.response.client_data_json)
        attestation = parse_attestation_object(parsed.response.attestation_object)
    except errors as exc:
        raise invalid_parameter(f"Invalid WebAuthn credential: {exc}") from exc
    if client_data.challenge != base64url_to_bytes(registration.challenge):
        raise CognitoError("WebAuthnChallengeNotFoundException")
    if not origin_allowed(client_data.origin, registration.rp_id):
        raise CognitoError("WebAuthnOriginNotAllowedException")
    if attestation.auth_data.rp_id_hash != _rp_id_hash(registration.rp_id):
        raise CognitoError("WebAuthnRelyingPartyMismatchException")
    try:
        verified = verify_registration_response(
            credential=parsed,
            expected_challenge=client_data.challenge,
            expected_rp_id=registration.rp_id,
            expected_origin=client_data.origin,
            require_user_verification=registration.user_verification == "required",
            supported_pub_key_algs=list(PUBLIC_KEY_ALGORITHMS),
        )
    except InvalidRegistrationResponse as exc:
        if "Unsupported credential public key alg" in str(exc):
            raise CognitoError("WebAuthnCredentialNotSupportedException") from exc
        raise invalid_parameter(f"Invalid WebAuthn credential: {exc}") from exc
    except errors as exc:
        raise invalid_parameter(f"Invalid WebAuthn credential: {exc}") from exc
    attachment = parsed.authenticator_attachment
    return Passkey(
        credential_id=b64url(verified.credential_id),
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        rp_id=registration.rp_id,
        friendly_name=FRIENDLY_NAME,
        attachment=attachment.value if attachment is not None else None,
        transports=tuple(t.value for t in parsed.response.transports or ()),
        created_at=time.time(),
    )


def verify_assertion(
    credential: Any, passkeys: list[Passkey], challenge: str, config: WebAuthnConfig
) -> tuple[Passkey, int]:
    """The WEB_AUTHN answer's CREDENTIAL (AuthenticationResponseJSON text): which of the user's
    `passkeys` signed `challenge`, and its new sign count. A credential that is not theirs, is
    for another challenge, origin or rp id, carries a bad signature or a sign count that did not
    grow (a replay) → NotAuthorizedException."""
    errors = _webauthn_errors()
    from webauthn import verify_authentication_response
    from webauthn.helpers import (
        base64url_to_bytes,
        parse_authentication_credential_json,
        parse_client_data_json,
    )

    try:
        parsed = parse_authentication_credential_json(credential)
        passkey = next(p for p in passkeys if p.credential_id == parsed.id)
        origin = parse_client_data_json(parsed.response.client_data_json).origin
        if not origin_allowed(origin, passkey.rp_id):
            raise not_authorized(ASSERTION_FAILED)
        verified = verify_authentication_response(
            credential=parsed,
            expected_challenge=base64url_to_bytes(challenge),
            expected_rp_id=passkey.rp_id,
            expected_origin=origin,
            credential_public_key=passkey.public_key,
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=config.user_verification == "required",
        )
    except (*errors, StopIteration) as exc:
        raise not_authorized(ASSERTION_FAILED) from exc
    return passkey, verified.new_sign_count
