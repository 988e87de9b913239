"""The forms of the account pages and of sign-in's second step."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .forms import (
    AuthForm,
    CodeMixin,
    NewPasswordMixin,
    code_field,
    email_field,
    password_field,
)
from .messages import FIELD_ERRORS

# Cognito's writable standard attributes a profile may show: label and autocomplete hint.
PROFILE_FIELDS = {
    "name": (_("Name"), "name"),
    "given_name": (_("Given name"), "given-name"),
    "family_name": (_("Family name"), "family-name"),
    "middle_name": (_("Middle name"), "additional-name"),
    "nickname": (_("Nickname"), "nickname"),
    "preferred_username": (_("Preferred username"), "username"),
    "birthdate": (_("Birthdate"), "bday"),
    "gender": (_("Gender"), "sex"),
    "locale": (_("Language"), "language"),
    "zoneinfo": (_("Time zone"), "off"),
    "website": (_("Website"), "url"),
    "profile": (_("Profile page"), "url"),
    "picture": (_("Picture URL"), "photo"),
    "address": (_("Address"), "street-address"),
}


class ProfileForm(AuthForm):
    """The attributes this site shows (COGNITO_PROFILE_ATTRIBUTES), each optional."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for position, name in enumerate(settings.COGNITO_PROFILE_ATTRIBUTES):
            label, hint = PROFILE_FIELDS[name]
            attrs = {"autocomplete": hint, **({"autofocus": True} if position == 0 else {})}
            self.fields[name] = forms.CharField(
                label=label,
                max_length=2048,
                required=False,
                error_messages=FIELD_ERRORS["profile"],
                widget=forms.TextInput(attrs=attrs),
            )


class EmailChangeForm(AuthForm):
    email = forms.EmailField(
        label=_("New email"),
        max_length=254,
        error_messages=FIELD_ERRORS["new_email"],
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class AttributeCodeForm(CodeMixin, AuthForm):
    code = code_field()

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if action:  # another code, or another address: what was typed doesn't matter
            self.fields["code"].required = False


class TelInput(forms.TextInput):
    input_type = "tel"


class PhoneForm(AuthForm):
    phone_number = forms.CharField(
        label=_("Phone number"),
        max_length=32,
        error_messages=FIELD_ERRORS["phone_number"],
        help_text=_("With the country code, e.g. +44 7700 900123."),
        widget=TelInput(attrs={"autocomplete": "tel", "autofocus": True}),
    )

    def clean_phone_number(self) -> str:
        """Cognito's E.164: a plus, then up to 15 digits (spaces, dashes, brackets dropped)."""
        number = re.sub(r"[\s().-]", "", self.cleaned_data["phone_number"])
        if not re.fullmatch(r"\+[1-9]\d{6,14}", number):
            raise ValidationError(
                _("Enter the number with its country code, starting with +."), code="phone"
            )
        return number


class PasswordChangeForm(NewPasswordMixin, AuthForm):
    current_password = password_field(_("Current password"), "current-password", "current_password")
    password = password_field(_("New password"), "new-password")
    password_confirm = password_field(_("Confirm password"), "new-password", "password_confirm")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["current_password"].widget.attrs["autofocus"] = True


class DeleteAccountForm(AuthForm):
    email = email_field(autofocus=True)
    email.error_messages = {**email.error_messages, **FIELD_ERRORS["account_email"]}


# --- two-step verification --------------------------------------------------------------------


def authentication_code_field() -> forms.CharField:
    field = code_field()
    field.label = _("Authentication code")
    field.error_messages = {**field.error_messages, **FIELD_ERRORS["app_code"]}
    return field


class MfaCodeForm(CodeMixin, AuthForm):
    """A code from an authenticator app, a text message or an email."""

    code_format_message = _("Enter the %(length)d-digit code.")
    code = authentication_code_field()
