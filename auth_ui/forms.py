"""The forms behind every step. Passwords are never stripped and never rendered back."""

import json
import re
from urllib.parse import urlencode

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Layout
from crispy_tailwind.tailwind import CSSContainer
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .messages import FIELD_ERRORS

CODE_LENGTH = 6

# crispy-tailwind's input classes, replaced whole (it swaps every border-* for error_border).
INPUTS = CSSContainer(
    {
        "base": (
            "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base "
            "text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-indigo-600 "
            "focus:outline-none focus:ring-2 focus:ring-indigo-600/30 dark:border-slate-600 "
            "dark:bg-slate-900 dark:text-slate-100"
        )
    }
)
# Assigned, not passed: CSSContainer would merge it with "base" and the regex would then paste
# the whole base list in place of every border class.
INPUTS.error_border = "border-red-600"


class AuthForm(forms.Form):
    """Focuses the first invalid field (or the error summary). Django 5.2 links each field to
    its help text and errors (`BoundField.aria_describedby`: `<id>_helptext <id>_error`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.label_class = (
            "mb-1 block text-sm font-medium text-slate-800 dark:text-slate-200"
        )
        self.helper.field_class = "mb-4"
        self.helper.css_container = INPUTS

    def add_refusal(self, field: str | None, message, *, code: str) -> None:
        """A refusal from a flow, on its field when this form has it, else at the top."""
        field = field if field in self.fields else None
        self.add_error(field, ValidationError(message, code=code))
        if field == "code":
            # A refused code is of no more use: clear it so the next can be typed straight in.
            self.data = self.data.copy()
            self.data["code"] = ""

    def mark_errors(self) -> None:
        """Autofocus the first invalid field, and only that one; else the error summary."""
        if not self.is_bound:
            return
        invalid = [name for name in self.errors if name in self.fields]
        for name, field in self.fields.items():
            if invalid and name == invalid[0]:
                field.widget.attrs["autofocus"] = True
            else:
                field.widget.attrs.pop("autofocus", None)
        self.focus_summary = not invalid and bool(self.non_field_errors())

    def full_clean(self) -> None:
        super().full_clean()
        self.mark_errors()

    def add_error(self, field, error) -> None:
        super().add_error(field, error)
        self.mark_errors()


def email_field(**attrs) -> forms.EmailField:
    return forms.EmailField(
        label=_("Email"),
        max_length=254,
        error_messages=FIELD_ERRORS["email"],
        widget=forms.EmailInput(attrs={"autocomplete": "email", **attrs}),
    )


def username_field(**attrs) -> forms.CharField:
    return forms.CharField(
        label=_("Username"),
        max_length=128,
        error_messages=FIELD_ERRORS["username"],
        widget=forms.TextInput(attrs={"autocomplete": "username", **attrs}),
    )


class HiddenUsernameInput(forms.EmailInput):
    """The account's name where a form sets its password without asking for it: hidden (the
    `hidden` attribute, not type="hidden", which password managers skip) and read-only, so a
    password manager files the new password under the right account. Never trusted on POST."""

    is_hidden = True

    def __init__(self):
        super().__init__(attrs={"autocomplete": "username", "hidden": True, "readonly": True})


def hidden_username_field() -> forms.CharField:
    return forms.CharField(required=False, widget=HiddenUsernameInput())


def password_policy_data() -> str:
    """The pool's policy as JSON, read as the page renders, for the live checklist our script
    draws under a new password (the server's check stays the authority)."""
    from .cognito import password_policy
    from .password_policy import REQUIREMENTS

    policy = password_policy()
    wanted = {key: bool(policy.get(key)) for key, _text in REQUIREMENTS}
    return json.dumps({"MinimumLength": int(policy.get("MinimumLength", 8)), **wanted})


def password_field(label, autocomplete: str, errors: str = "") -> forms.CharField:
    """`errors`: which FIELD_ERRORS speak for it (by default, from what the field is for)."""
    attrs = {"autocomplete": autocomplete}
    if autocomplete == "new-password":
        attrs["data-password-policy"] = lazy(password_policy_data, str)()
    return forms.CharField(
        label=label,
        strip=False,
        max_length=256,
        error_messages=FIELD_ERRORS[
            errors or ("new_password" if autocomplete == "new-password" else "password")
        ],
        widget=forms.PasswordInput(attrs=attrs),
    )


# Room for a code as people paste it: "123 456", "123-456", spaces around.
CODE_MAX_LENGTH = 20
# What may sit between a code's digits: spaces, hyphens and the dashes phones type for them.
CODE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]")


def code_field() -> forms.CharField:
    return forms.CharField(
        label=_("Verification code"),
        max_length=CODE_MAX_LENGTH,
        error_messages=FIELD_ERRORS["code"],
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": r"[0-9 \-]*",
                "autofocus": True,
            }
        ),
    )


class CodeMixin:
    code_format_message = _("Enter the %(length)d-digit code from the email.")

    def clean_code(self) -> str:
        code = CODE_SEPARATORS.sub("", self.cleaned_data["code"])
        if not self.fields["code"].required:
            return code  # resending: a half-typed code doesn't matter
        if not code.isdigit() or len(code) != CODE_LENGTH:
            raise ValidationError(
                self.code_format_message,
                code="code_format",
                params={"length": CODE_LENGTH},
            )
        return code


class NewPasswordMixin:
    """A new password typed twice; both fields named so Cognito's refusals land on them."""

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password"), cleaned.get("password_confirm")
        if getattr(self, "resend", False):
            return cleaned  # asking for another code: the passwords aren't being set yet
        if first and second and first != second:
            self.add_error(
                "password_confirm",
                ValidationError(_("The two passwords don't match."), code="password_mismatch"),
            )
        return cleaned


class SignUpForm(NewPasswordMixin, AuthForm):
    email = email_field(autofocus=True)
    password = password_field(_("Password"), "new-password")
    password_confirm = password_field(_("Confirm password"), "new-password", "password_confirm")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if settings.COGNITO_USES_USERNAMES:
            self.fields["username"] = username_field()
            self.order_fields(["username", "email", "password", "password_confirm"])

    @property
    def cognito_username(self) -> str:
        return self.cleaned_data.get("username") or self.cleaned_data["email"]


class UsernameLoginMixin:
    """Pools that sign people in by username ask for it where others ask for the email.

    The field keeps the name `email`, so views and the session treat both pools alike.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if settings.COGNITO_USES_USERNAMES:
            autofocus = self.fields["email"].widget.attrs.get("autofocus", False)
            self.fields["email"] = username_field(autofocus=autofocus)


class ResendMixin:
    """With `resend=True` only the email is needed: the person asked for another code."""

    def __init__(self, *args, resend: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.resend = resend
        if resend:
            for name in self.fields:
                self.fields[name].required = name == "email"


class KnownEmailMixin:
    """A code step for an address already known (the page says "Sent to … · Change"): the
    address rides along hidden instead of sitting in a second field to retype. Should it be
    refused, the field shows again so it can be corrected."""

    def hide_email(self) -> None:
        self.typed_email_widget = self.fields["email"].widget
        self.fields["email"].widget = forms.HiddenInput()

    @property
    def email_hidden(self) -> bool:
        return self.fields["email"].widget.is_hidden

    def mark_errors(self) -> None:
        if self.email_hidden and self._errors and "email" in self._errors:
            self.fields["email"].widget = self.typed_email_widget
        super().mark_errors()


class ConfirmForm(UsernameLoginMixin, ResendMixin, KnownEmailMixin, CodeMixin, AuthForm):
    email = email_field()
    code = code_field()


class SignInForm(UsernameLoginMixin, AuthForm):
    email = email_field(autofocus=True)
    password = password_field(_("Password"), "current-password")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "Forgot your password?" on the Password label's row, right-aligned, but after the
        # field in the page (and so in the Tab order): typing email, Tab, password stays smooth.
        self.helper.layout = Layout(
            *(
                Div(name, HTML(self.forgot_link()), css_class="relative")
                if name == "password"
                else name
                for name in self.fields
            )
        )
        self.helper.render_unmentioned_fields = True

    def forgot_link(self) -> str:
        """The link, carrying the email typed (the forgot step checks it before using it)."""
        email = (self.data.get("email") if self.is_bound else self.initial.get("email")) or ""
        url = reverse("auth_ui:password_forgot")
        if email:
            url = f"{url}?{urlencode({'email': email})}"  # percent-encoded: inert in a template
        return format_html(
            '<a class="link absolute top-0 right-0 text-sm" href="{}">{}</a>',
            url,
            _("Forgot your password?"),
        )


class ForgotPasswordForm(UsernameLoginMixin, AuthForm):
    email = email_field(autofocus=True)


class ResetCodeForm(UsernameLoginMixin, ResendMixin, KnownEmailMixin, CodeMixin, AuthForm):
    """The reset's first step: the emailed code (the new password comes next)."""

    email = email_field()
    code = code_field()


class NewPasswordForm(NewPasswordMixin, AuthForm):
    """A new password for an account named elsewhere (Cognito's challenge, or the reset's
    second step): the account rides along in `username` for password managers."""

    username = hidden_username_field()
    password = password_field(_("New password"), "new-password")
    password_confirm = password_field(_("Confirm password"), "new-password", "password_confirm")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:  # the account is the server's to say, whatever was posted
            self.data = self.data.copy()
            self.data["username"] = self.initial.get("username", "")
        else:
            self.fields["password"].widget.attrs["autofocus"] = True
