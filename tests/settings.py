"""Settings for the test run: the real ones, with test-only secrets and no AWS credentials."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")
# Dummy credentials keep botocore from probing the EC2 metadata service; nothing reaches AWS.
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")

from core.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
