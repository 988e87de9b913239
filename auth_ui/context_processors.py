from django.conf import settings
from django.http import HttpRequest


def cognito_stub(request: HttpRequest) -> dict[str, bool]:
    """Lets the layout say plainly when sign-in runs on the local stub, not on AWS."""
    return {"using_cognito_stub": bool(settings.DEBUG and settings.COGNITO_USING_STUB)}
