"""The production settings with the benchmark's URLconf (the site plus one bare view)."""

from core.settings import *  # noqa: F403

ROOT_URLCONF = "scripts.bench_urls"
