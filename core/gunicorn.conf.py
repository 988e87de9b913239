"""gunicorn's configuration for `make serve` and deployments: `gunicorn -c core/gunicorn.conf.py
core.wsgi`. Every value can be changed from the environment."""

import multiprocessing
import os

bind = os.environ.get("BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Sync workers: each waits on Cognito (at most COGNITO_TIME_BUDGET seconds) while the others
# serve, so more workers than cores, as gunicorn's documentation suggests.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
# Longer than a request's whole Cognito budget (8 s by default), so a slow Cognito is answered
# "unavailable" by the app rather than the worker being killed.
timeout = 30
graceful_timeout = 20
keepalive = 5
# The app writes one line per request itself (core.request_log), with its id; gunicorn's access
# log would be a second one, and it carries query strings.
accesslog = None
errorlog = "-"
# Several instances may run on one machine: no shared control socket in $HOME.
control_socket_disable = True
# Trust X-Forwarded-* only from a proxy on this machine.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
