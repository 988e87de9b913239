"""The race-safe `sub` → User creation, proved on PostgreSQL under concurrent first sign-ins."""

import json
import subprocess
import sys

from .services import ROOT, manage


def test_concurrent_first_sign_ins_make_one_user_on_postgres(app_env):
    manage(app_env, "migrate", "--noinput", "--verbosity", "0")
    for _ in range(3):  # three rounds of sixteen threads: a loser of the race in each, or more
        result = subprocess.run(
            [sys.executable, "-m", "tests.integration.first_sign_in_race", "16"],
            cwd=ROOT,
            env=app_env,
            capture_output=True,
            text=True,
            check=True,
        )
        found = json.loads(result.stdout)
        assert found["vendor"] == "postgresql"
        assert found["errors"] == []
        assert len(found["users"]) == 1
        assert found["identities"] == 1
