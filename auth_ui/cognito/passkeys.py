"""A signed-in person's passkeys (WebAuthn credentials), each call authorised by their access
token. Cognito verifies every attestation and assertion; we pass the browser's JSON through."""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.views.decorators.debug import sensitive_variables

from .client import call


@dataclass(frozen=True)
class Passkey:
    credential_id: str
    name: str
    created: datetime | None
    attachment: str  # "platform" (this device), "cross-platform" (a security key, a phone) or ""


@sensitive_variables()
def start_registration(*, access_token: str) -> dict[str, Any]:
    """The options `navigator.credentials.create` takes (as JSON: base64url strings)."""
    response = call("start_web_authn_registration", AccessToken=access_token)
    return response["CredentialCreationOptions"]


@sensitive_variables()
def complete_registration(*, access_token: str, credential: dict[str, Any]) -> None:
    call("complete_web_authn_registration", AccessToken=access_token, Credential=credential)


@sensitive_variables()
def list_passkeys(*, access_token: str) -> list[Passkey]:
    found: list[Passkey] = []
    page: dict[str, str] = {}
    while True:
        response = call("list_web_authn_credentials", AccessToken=access_token, **page)
        found += [
            Passkey(
                credential_id=item["CredentialId"],
                name=item.get("FriendlyCredentialName") or "",
                created=item.get("CreatedAt"),
                attachment=item.get("AuthenticatorAttachment") or "",
            )
            for item in response.get("Credentials", [])
        ]
        if not response.get("NextToken"):
            return found
        page = {"NextToken": response["NextToken"]}


@sensitive_variables()
def delete_passkey(*, access_token: str, credential_id: str) -> None:
    call("delete_web_authn_credential", AccessToken=access_token, CredentialId=credential_id)


def request_options(parameters: dict[str, str]) -> dict[str, Any]:
    """The WEB_AUTHN challenge's options for `navigator.credentials.get`, or {}."""
    try:
        options = json.loads(parameters.get("CREDENTIAL_REQUEST_OPTIONS", ""))
    except ValueError:
        return {}
    return options if isinstance(options, dict) else {}
