"""The browser suite's fixtures (a stub and a live server, Debian's Chromium), reused as they are.

These tests only take pictures: `make screenshots` runs them (`-m screenshots`); `make test`
never collects this directory.
"""

from tests.e2e.conftest import *  # noqa: F403 - the fixtures and the collection hook


def pytest_configure(config):
    config.addinivalue_line("markers", "screenshots: takes the README and review screenshots")
