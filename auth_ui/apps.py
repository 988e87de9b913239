from django.apps import AppConfig


class AuthUiConfig(AppConfig):
    name = "auth_ui"
    verbose_name = "Cognito sign-in"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401 (registers the system checks)
