from django.http import HttpRequest

from . import stub_outbox


def cognito_stub(request: HttpRequest) -> dict[str, bool]:
    """Lets the layout say plainly when sign-in runs on the local stub, not on AWS."""
    return {"using_cognito_stub": stub_outbox.in_use()}
