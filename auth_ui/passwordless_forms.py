"""The forms of signing in without a password: the sign-in form posted by one of its other
buttons, the code the person asked for, and a passkey's answer from the browser."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import AuthForm, CodeMixin, ResendMixin, SignInForm, SignUpForm, code_field

WAYS = ("EMAIL_OTP", "SMS_OTP", "WEB_AUTHN")
# A PublicKeyCredential as JSON is a few hundred bytes to a few kilobytes (an attestation).
MAX_CREDENTIAL_LENGTH = 16_384


class WithoutPasswordMixin:
    """A form with password fields, posted by a button that doesn't use them: their errors (and
    values) are dropped. It renders as the form it extends, so a refusal shows the same page."""

    def full_clean(self):
        super().full_clean()
        if self._errors is not None:
            for name in ("password", "password_confirm"):
                self._errors.pop(name, None)
                self.cleaned_data.pop(name, None)


class SignUpWithoutPasswordForm(WithoutPasswordMixin, SignUpForm):
    """ "Create an account without a password": the email alone (sign-in is by emailed code)."""


class SignInAnotherWayForm(WithoutPasswordMixin, SignInForm):
    """The sign-in form as one of its other buttons (`way`) posts it: the email is all that
    counts."""

    @property
    def way(self) -> str:
        way = self.data.get("way", "") if self.is_bound else ""
        return way if way in WAYS else ""

    @property
    def credential(self) -> str:
        """A passkey's answer, posted back by our script (static/js/passkeys.js)."""
        credential = self.data.get("credential", "") if self.is_bound else ""
        return credential if len(credential) <= MAX_CREDENTIAL_LENGTH else ""


class SignInCodeForm(ResendMixin, CodeMixin, AuthForm):
    """The code emailed or texted for signing in; `resend=True` asks for another."""

    code_format_message = _("Enter the %(length)d-digit code we sent you.")
    code = code_field()


class PasskeyCredentialForm(AuthForm):
    """A new passkey's attestation, as our script posts it from `navigator.credentials.create`."""

    credential = forms.CharField(
        max_length=MAX_CREDENTIAL_LENGTH,
        widget=forms.HiddenInput,
        error_messages={"required": _("The passkey wasn't added. Please try again.")},
    )


class RemovePasskeyForm(AuthForm):
    credential_id = forms.CharField(max_length=1024, widget=forms.HiddenInput)
