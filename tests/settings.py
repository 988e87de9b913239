"""Settings for the test run: the real ones, with test-only secrets and no AWS credentials."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
# Dummy credentials keep botocore from probing the EC2 metadata service; nothing reaches AWS.
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
# The suites read static/ as it is; collectstatic belongs to `make serve` and deployments.
os.environ.setdefault("STATIC_MANIFEST", "false")

from core.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A file, not SQLite's shared in-memory database: that one locks whole tables and ignores the
# busy timeout, so tests of concurrent writers (racing first sign-ins) would test it, not us.
DATABASES["default"]["TEST"] = {  # noqa: F405
    # One per process: two test runs on one machine must not share it.
    "NAME": os.path.join(tempfile.gettempdir(), f"cognito-htmx-auth-tests-{os.getpid()}.sqlite3")
}
