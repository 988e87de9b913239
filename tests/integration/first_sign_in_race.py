"""Run as a program against DATABASE_URL: N threads sign one new person in at once through the
real backend; prints how many users and identities exist for that `sub`, and any errors."""

import json
import os
import sys
import threading
import uuid

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")
django.setup()

from django.db import connection  # noqa: E402

from auth_ui.backends import CognitoBackend  # noqa: E402
from auth_ui.models import CognitoIdentity  # noqa: E402


def main(threads: int) -> None:
    claims = {"sub": str(uuid.uuid4()), "email": "race@example.com"}
    start = threading.Barrier(threads)
    users, errors = [], []

    def sign_in() -> None:
        try:
            start.wait()
            users.append(CognitoBackend().authenticate(None, id_token_claims=claims).pk)
        except Exception as error:
            errors.append(repr(error))
        finally:
            connection.close()

    workers = [threading.Thread(target=sign_in) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    result = {
        "vendor": connection.vendor,
        "users": sorted(set(users)),
        "identities": CognitoIdentity.objects.filter(sub=claims["sub"]).count(),
        "errors": errors,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(int(sys.argv[1]))
