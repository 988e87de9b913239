"""The signed-in user's attributes: UpdateUserAttributes, GetUserAttributeVerificationCode and
VerifyUserAttribute, with email and phone numbers verified by a code as Cognito does them (a
code goes by email, or by "SMS": both only to the outbox).

A pool with UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate = [email]
(the seeded one) keeps the old email (the sign-in name, `email`, `email_verified`) until the
code sent to the new one is verified; the pending value is kept in StubState, not in moto. In
any other pool the email changes at once and is unverified until its code is verified."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .. import moto_bridge as bridge
from ..codes import VERIFY_EMAIL, VERIFY_PHONE, expired_code
from ..errors import invalid_parameter, not_authorized
from ..users import delivery_details
from .common import EMAIL_FORMAT, check_email_free, required, signed_in_user

if TYPE_CHECKING:
    from ..state import Handler, StubState

# Attributes a user's own token may not write (Cognito's app clients cannot be given them).
UNWRITABLE = frozenset({"sub", "email_verified", "phone_number_verified"})
PHONE_FORMAT = re.compile(r"\+[0-9]{4,15}")
# The attributes a code verifies: the outbox purpose of their codes, and what Cognito says
# when the user has no such attribute.
VERIFIABLE = {
    "email": (VERIFY_EMAIL, "User does not have a valid registered email address"),
    "phone_number": (VERIFY_PHONE, "User does not have a valid registered phone number"),
}


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


def update_user_attributes(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    """A new email or phone number is unverified, and gets a code if the pool auto-verifies it
    (an email in a pool that verifies it before updating it is kept pending instead)."""
    pool, user = signed_in_user(state, params)
    values = _requested(pool, params)
    email = values.pop("email", None)
    key = bridge.user_id(user)
    if email is not None and email.lower() == bridge.email_of(user).lower():
        state.pending_emails.pop(key, None)  # back to the current address: nothing to verify
        email = None
    if email is not None:
        check_email_free(pool, user, email)
    phone = values.get("phone_number")
    if phone == bridge.attribute(user, "phone_number"):
        phone = None
    elif phone is not None:
        values["phone_number_verified"] = "false" if phone else ""
    bridge.set_attributes(user, values)
    sent = []
    if email is not None and _change_email(state, pool, user, email):
        sent.append(_send_code(state, user, "email", email))
    if phone and bridge.auto_verifies(pool, "phone_number"):
        sent.append(_send_code(state, user, "phone_number", phone))
    return {"CodeDeliveryDetailsList": sent} if sent else {}


def _change_email(state: StubState, pool: Any, user: Any, email: str) -> bool:
    """Keep `email` pending, or make it the (unverified) email; whether a code is due."""
    key = bridge.user_id(user)
    if bridge.verifies_before_update(pool, "email"):
        state.pending_emails[key] = email
        return True
    state.pending_emails.pop(key, None)
    bridge.change_email(state.backend, pool, user, email, verified=False)
    return bridge.auto_verifies(pool, "email")


def _send_code(state: StubState, user: Any, name: str, to: str) -> dict[str, str]:
    state.send_code(user, VERIFIABLE[name][0], to=to)
    return delivery_details(to, name)


def _verifiable(params: dict[str, Any]) -> str:
    name = required(params, "AttributeName")
    if name not in VERIFIABLE:
        raise invalid_parameter(
            "Invalid attribute name. Only phone_number and email can be verified."
        )
    return name


def get_user_attribute_verification_code(
    state: StubState, params: dict[str, Any]
) -> dict[str, Any]:
    """A fresh code (the previous one stops working) to the pending email if there is one,
    else to the current email or phone number."""
    _pool, user = signed_in_user(state, params)
    name = _verifiable(params)
    pending = state.pending_emails.get(bridge.user_id(user)) if name == "email" else None
    to = pending or bridge.attribute(user, name)
    if not to:
        raise invalid_parameter(VERIFIABLE[name][1])
    return {"CodeDeliveryDetails": _send_code(state, user, name, to)}


def verify_user_attribute(state: StubState, params: dict[str, Any]) -> dict[str, Any]:
    """The right code makes a pending email the email (and sign-in name), verified; or marks
    the current email or phone number verified."""
    pool, user = signed_in_user(state, params)
    name, code = _verifiable(params), required(params, "Code")
    key = bridge.user_id(user)
    sent_to = state.codes.verify(key, VERIFIABLE[name][0], code).lower()
    pending = state.pending_emails.get(key) if name == "email" else None
    if pending is not None and sent_to == pending.lower():
        check_email_free(pool, user, pending)
        del state.pending_emails[key]
        bridge.change_email(state.backend, pool, user, pending, verified=True)
    elif sent_to == (bridge.attribute(user, name) or "").lower():
        bridge.set_attributes(user, {f"{name}_verified": "true"})
    else:
        raise expired_code()  # sent to a value the user no longer has or asks for
    return {}


HANDLERS: dict[str, Handler] = {
    "UpdateUserAttributes": update_user_attributes,
    "GetUserAttributeVerificationCode": get_user_attribute_verification_code,
    "VerifyUserAttribute": verify_user_attribute,
}
