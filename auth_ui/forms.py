"""The forms behind every step. Passwords are never stripped and never rendered back."""

from crispy_forms.helper import FormHelper
from crispy_tailwind.tailwind import CSSContainer
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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
        widget=forms.EmailInput(attrs={"autocomplete": "email", **attrs}),
    )


def username_field(**attrs) -> forms.CharField:
    return forms.CharField(
        label=_("Username"),
        max_length=128,
        widget=forms.TextInput(attrs={"autocomplete": "username", **attrs}),
    )


def password_field(label, autocomplete: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        max_length=256,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


def code_field() -> forms.CharField:
    return forms.CharField(
        label=_("Verification code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": r"[0-9 ]*",
                "autofocus": True,
            }
        ),
    )


class CodeMixin:
    code_format_message = _("Enter the %(length)d-digit code from the email.")

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
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
    password_confirm = password_field(_("Confirm password"), "new-password")

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


class ConfirmForm(UsernameLoginMixin, ResendMixin, CodeMixin, AuthForm):
    email = email_field()
    code = code_field()


class SignInForm(UsernameLoginMixin, AuthForm):
    email = email_field(autofocus=True)
    password = password_field(_("Password"), "current-password")


class ForgotPasswordForm(UsernameLoginMixin, AuthForm):
    email = email_field(autofocus=True)


class ResetPasswordForm(UsernameLoginMixin, ResendMixin, NewPasswordMixin, CodeMixin, AuthForm):
    email = email_field()
    code = code_field()
    password = password_field(_("New password"), "new-password")
    password_confirm = password_field(_("Confirm password"), "new-password")


class NewPasswordForm(NewPasswordMixin, AuthForm):
    password = password_field(_("New password"), "new-password")
    password_confirm = password_field(_("Confirm password"), "new-password")
