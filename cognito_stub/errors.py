"""Cognito-shaped errors and the HTTP answers AWS gives for them."""

from __future__ import annotations

import json
import uuid

JSON_CONTENT_TYPE = "application/x-amz-json-1.1"
TARGET_PREFIX = "AWSCognitoIdentityProviderService."  # X-Amz-Target is this + the operation

# Messages as real Cognito words them (used for injected faults and our own checks).
DEFAULT_MESSAGES: dict[str, str] = {
    "AliasExistsException": "An account with the given email already exists.",
    "CodeDeliveryFailureException": "Unable to deliver the verification code.",
    "CodeMismatchException": "Invalid verification code provided, please try again.",
    "ExpiredCodeException": "Invalid code provided, please request a code again.",
    "InternalErrorException": "An internal error occurred.",
    "InvalidParameterException": "A parameter is specified incorrectly.",
    "InvalidPasswordException": "Password did not conform with policy: Password not long enough",
    "LimitExceededException": "Attempt limit exceeded, please try after some time.",
    "NotAuthorizedException": "Incorrect username or password.",
    "PasswordResetRequiredException": "Password reset required for the user",
    "ResourceNotFoundException": "The requested resource was not found.",
    "TooManyFailedAttemptsException": "Too many failed attempts.",
    "TooManyRequestsException": "Rate exceeded",
    "UserLambdaValidationException": "PreSignUp failed with error Rejected.",
    "UserNotConfirmedException": "User is not confirmed.",
    "UserNotFoundException": "User does not exist.",
    "UsernameExistsException": "An account with the given email already exists.",
    # Passkeys (the stub's wording: Cognito's is unpublished).
    "WebAuthnChallengeNotFoundException": (
        "No WebAuthn registration was started with this challenge, or it has expired."
    ),
    "WebAuthnClientMismatchException": (
        "The access token is for another app client than the one that started the registration."
    ),
    "WebAuthnConfigurationMissingException": (
        "The user pool has no WebAuthn relying party ID (and no domain to use instead)."
    ),
    "WebAuthnCredentialNotSupportedException": "The credential's public key type is not supported.",
    "WebAuthnNotEnabledException": "Passkey sign-in is not enabled for this user pool.",
    "WebAuthnOriginNotAllowedException": (
        "The credential's origin is not allowed for the user pool's relying party ID."
    ),
    "WebAuthnRelyingPartyMismatchException": (
        "The credential's relying party ID is not the user pool's relying party ID."
    ),
}

SERVER_ERRORS = {"InternalErrorException"}


def status_for(code: str) -> int:
    """AWS answers InternalErrorException with 500 and every other Cognito error with 400."""
    return 500 if code in SERVER_ERRORS else 400


class CognitoError(Exception):
    """An error to answer exactly as Cognito would: `{"__type": code, "message": ...}`."""

    def __init__(self, code: str, message: str | None = None, status: int | None = None):
        self.code = code
        self.message = message if message is not None else DEFAULT_MESSAGES.get(code, code)
        self.status = status or status_for(code)
        super().__init__(f"{self.code}: {self.message}")


def not_authorized(message: str = DEFAULT_MESSAGES["NotAuthorizedException"]) -> CognitoError:
    return CognitoError("NotAuthorizedException", message)


def invalid_parameter(message: str) -> CognitoError:
    return CognitoError("InvalidParameterException", message)


Response = tuple[int, dict[str, str], bytes]


def _request_id() -> str:
    return str(uuid.uuid4())


def json_response(payload: object, status: int = 200) -> Response:
    headers = {"Content-Type": JSON_CONTENT_TYPE, "x-amzn-RequestId": _request_id()}
    return status, headers, json.dumps(payload, default=str).encode()


def error_response(error: CognitoError) -> Response:
    headers = {
        "Content-Type": JSON_CONTENT_TYPE,
        "x-amzn-RequestId": _request_id(),
        "x-amzn-ErrorType": error.code,
    }
    body = json.dumps({"__type": error.code, "message": error.message}).encode()
    return error.status, headers, body
