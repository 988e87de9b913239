from django.apps import AppConfig


class AuthUiConfig(AppConfig):
    name = "auth_ui"
    verbose_name = "Cognito sign-in"
    default_auto_field = "django.db.models.BigAutoField"
