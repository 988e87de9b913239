from django.urls import path

from . import views

app_name = "auth_ui"

urlpatterns = [
    path("", views.home, name="home"),
    path("auth/sign-up/", views.sign_up, name="sign_up"),
    path("auth/confirm/", views.confirm, name="confirm"),
    path("auth/sign-in/", views.sign_in, name="sign_in"),
    path("auth/sign-in/code/", views.sign_in_code, name="sign_in_code"),
    path("auth/password/new/", views.new_password, name="new_password"),
    path("auth/mfa/", views.mfa_code, name="mfa_code"),
    path("auth/mfa/choose/", views.mfa_choose, name="mfa_choose"),
    path("auth/mfa/setup/", views.mfa_setup, name="mfa_setup"),
    path("auth/password/forgot/", views.password_forgot, name="password_forgot"),
    path("auth/password/reset/", views.password_reset, name="password_reset"),
    path("auth/sign-out/", views.sign_out, name="sign_out"),
    path("account/", views.account, name="account"),
    path("account/profile/", views.account_profile, name="account_profile"),
    path("account/email/", views.account_email, name="account_email"),
    path("account/phone/", views.account_phone, name="account_phone"),
    path("account/security/", views.account_security, name="account_security"),
    path("account/security/app/", views.account_security_app, name="account_security_app"),
    path("account/passkeys/add/", views.account_passkey_add, name="account_passkey_add"),
    path("account/passkeys/remove/", views.account_passkey_remove, name="account_passkey_remove"),
    path("account/passkeys/offer/", views.passkey_offer, name="passkey_offer"),
    path("account/password/", views.account_password, name="account_password"),
    path("account/delete/", views.account_delete, name="account_delete"),
    path("dev/mailbox/", views.dev_mailbox, name="dev_mailbox"),
]
