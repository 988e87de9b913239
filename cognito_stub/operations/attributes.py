"""The signed-in user's attributes: UpdateUserAttributes, GetUserAttributeVerificationCode and
VerifyUserAttribute, with email changes verified by a code as Cognito does them.

A pool with UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate = [email]
(the seeded one) keeps the old email (the sign-in name, `email`, `email_verified`) until the
code sent to the new one is verified; the pending value is kept in StubState, not in moto. In
any other pool the email changes at once and is unverified until its code is verified."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..codes import VERIFY_EMAIL, code_mismatch, expired_code
from ..errors import CognitoError, invalid_parameter, not_authorized
from ..users import delivery_details
from .common import required, signed_in_user

if TYPE_CHECKING:
    from ..state import Handler, StubState

# Attributes a user's own token may not write (Cognito's app clients cannot be given them).
UNWRITABLE = frozenset({"sub", "email_verified", "phone_number_verified"})
EMAIL_FORMAT = re.compile(r"[^@\s]+@[^@\s]+")
PHONE_FORMAT = re.compile(r"\+[0-9]{4,15}")


def _requested(pool: Any, params: dict[str, Any]) -> dict[str, str]:
    """UserAttributes as {name: value} ("" deletes), each checked as Cognito checks it."""
    values: dict[str, str] = {}
    for item in required(params, "UserAttributes"):
        name, value = str(item.get("Name")), item.get("Value") or ""
        if name in UNWRITABLE or name.startswith("dev:"):
            raise not_authorized("A client attempted to write unauthorized attribute")
        mutable = bridge.attribute_mutable(pool, name)
        if not mutable:
            problem = (
                "Attribute does not exist in the schema."
                if mutable is None
                else "Attribute cannot be updated. (changing an immutable attribute)"
            )
            raise invalid_parameter(f"Invalid user attributes: user.{name}: {problem}")
        values[name] = value
    if "email" in values and not EMAIL_FORMAT.fullmatch(values["email"]):
        raise invalid_parameter("Invalid email address format.")
    if values.get("phone_number") and not PHONE_FORMAT.fullmatch(values["phone_number"]):
        raise invalid_parameter("Invalid phone number format.")
    return values


def _check_email_free(pool: Any, user: Any, email: str) -> None:
    other = bridge.find_user(pool, email)
    if other is not None and other is not user:
        raise CognitoError("AliasExistsException")


def update_user_attributes(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    pool, user = signed_in_user(state, params)
    values = _requested(pool, params)
    email = values.pop("email", None)
    key = bridge.user_id(user)
    if email is not None and email.lower() == bridge.email_of(user).lower():
        state.pending_emails.pop(key, None)  # back to the current address: nothing to verify
        email = None
    if email is not None:
        _check_email_free(pool, user, email)
    phone = values.get("phone_number")
    if phone is not None and phone != bridge.attribute(user, "phone_number"):
        values["phone_number_verified"] = "false" if phone else ""
    bridge.set_attributes(user, values)
    if email is None:
        return {}
    if bridge.verifies_before_update(pool, "email"):
        state.pending_emails[key] = email
    else:
        state.pending_emails.pop(key, None)
        bridge.change_email(state.backend, pool, user, email, verified=False)
        if not bridge.auto_verifies(pool, "email"):
            return {}
    state.send_code(user, VERIFY_EMAIL, to=email)
    return {"CodeDeliveryDetailsList": [delivery_details(email)]}


def _verifiable(params: dict[str, Any]) -> str:
    name = required(params, "AttributeName")
    if name not in ("email", "phone_number"):
        raise invalid_parameter(
            "Invalid attribute name. Only phone_number and email can be verified."
        )
    return name


def get_user_attribute_verification_code(
    state: StubState, params: dict[str, Any]
) -> dict[str, Any]:
    """A fresh code (the previous one stops working) to the pending email if there is one,
    else to the current one. The stub sends no SMS."""
    _pool, user = signed_in_user(state, params)
    if _verifiable(params) == "phone_number":
        if not bridge.attribute(user, "phone_number"):
            raise invalid_parameter("User does not have a valid registered phone number")
        raise CognitoError("CodeDeliveryFailureException", "cognito-stub sends no SMS")
    to = state.pending_emails.get(bridge.user_id(user)) or bridge.email_of(user)
    if not to:
        raise invalid_parameter("User does not have a valid registered email address")
    state.send_code(user, VERIFY_EMAIL, to=to)
    return {"CodeDeliveryDetails": delivery_details(to)}


def verify_user_attribute(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    """The right code makes a pending email the email (and sign-in name), verified; or marks
    the current email verified."""
    pool, user = signed_in_user(state, params)
    name, code = _verifiable(params), required(params, "Code")
    if name == "phone_number":
        raise code_mismatch()  # no SMS code is ever sent
    key = bridge.user_id(user)
    sent_to = state.codes.verify(key, VERIFY_EMAIL, code).lower()
    pending = state.pending_emails.get(key)
    if pending is not None and sent_to == pending.lower():
        _check_email_free(pool, user, pending)
        del state.pending_emails[key]
        bridge.change_email(state.backend, pool, user, pending, verified=True)
    elif sent_to == bridge.email_of(user).lower():
        bridge.set_email_verified(user, True)
    else:
        raise expired_code()  # sent to an address the user no longer asks for
    return {}


HANDLERS: dict[str, Handler] = {
    "UpdateUserAttributes": update_user_attributes,
    "GetUserAttributeVerificationCode": get_user_attribute_verification_code,
    "VerifyUserAttribute": verify_user_attribute,
}
