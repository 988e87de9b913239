"""What a signed-in person does to their own account, each call authorised by their access
token: read it, change attributes and verify them, change the password, sign out everywhere,
delete it."""

from dataclasses import dataclass
from typing import Any

from django.views.decorators.debug import sensitive_variables

from .client import call


@dataclass(frozen=True)
class CognitoUser:
    username: str
    attributes: dict[str, str]
    mfa_methods: tuple[str, ...] = ()  # enabled, e.g. ("SOFTWARE_TOKEN_MFA", "EMAIL_OTP")
    preferred_mfa: str = ""

    @property
    def email(self) -> str:
        return self.attributes.get("email", "")

    @property
    def email_verified(self) -> bool:
        return self.attributes.get("email_verified", "false") == "true"

    @property
    def phone_number(self) -> str:
        return self.attributes.get("phone_number", "")

    @property
    def phone_verified(self) -> bool:
        return self.attributes.get("phone_number_verified", "false") == "true"


def _destination(details: dict[str, Any]) -> str:
    return details.get("Destination", "")


@sensitive_variables()
def get_user(*, access_token: str) -> CognitoUser:
    response = call("get_user", AccessToken=access_token)
    attributes = {a["Name"]: a.get("Value", "") for a in response.get("UserAttributes", [])}
    return CognitoUser(
        username=response.get("Username", ""),
        attributes=attributes,
        mfa_methods=tuple(response.get("UserMFASettingList") or ()),
        preferred_mfa=response.get("PreferredMfaSetting", ""),
    )


@sensitive_variables()
def update_user_attributes(*, access_token: str, attributes: dict[str, str]) -> str:
    """Set attributes; when one needs verifying (a new email), where Cognito sent its code."""
    response = call(
        "update_user_attributes",
        AccessToken=access_token,
        UserAttributes=[{"Name": name, "Value": value} for name, value in attributes.items()],
    )
    sent = response.get("CodeDeliveryDetailsList") or [{}]
    return _destination(sent[0])


@sensitive_variables()
def delete_user_attributes(*, access_token: str, names: list[str]) -> None:
    call("delete_user_attributes", AccessToken=access_token, UserAttributeNames=names)


@sensitive_variables()
def send_attribute_code(*, access_token: str, attribute: str) -> str:
    """A fresh code to verify `attribute` (GetUserAttributeVerificationCode); where it went."""
    response = call(
        "get_user_attribute_verification_code", AccessToken=access_token, AttributeName=attribute
    )
    return _destination(response.get("CodeDeliveryDetails", {}))


@sensitive_variables()
def verify_attribute(*, access_token: str, attribute: str, code: str) -> None:
    call("verify_user_attribute", AccessToken=access_token, AttributeName=attribute, Code=code)


@sensitive_variables()
def change_password(*, access_token: str, previous: str, proposed: str) -> None:
    call(
        "change_password",
        AccessToken=access_token,
        PreviousPassword=previous,
        ProposedPassword=proposed,
    )


@sensitive_variables()
def global_sign_out(*, access_token: str) -> None:
    call("global_sign_out", AccessToken=access_token)


@sensitive_variables()
def delete_user(*, access_token: str) -> None:
    call("delete_user", AccessToken=access_token)
