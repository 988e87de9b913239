"""Log formatting: every record carries the request id; `LOG_FORMAT=json` writes one JSON object
per line; and a last guard masks anything shaped like a secret before it is written."""

import contextvars
import json
import logging
import re

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

# Values that must never reach a log, whatever logged them: JWTs (ID, access tokens), and the
# value of any password, code, token, secret or session field in a query or form-like text.
SECRET_SHAPES = [
    re.compile(r"eyJ[\w-]{6,}\.[\w-]{6,}\.[\w-]*"),
    re.compile(
        r"(?i)((?:password|passcode|code|token|secret|sessionid|csrfmiddlewaretoken)"
        r"[\w-]*['\"]?\s*[=:]\s*['\"]?)[^&\s'\",}]+"
    ),
]
FIELDS = ("method", "path", "status", "duration_ms", "remote_addr")


def redact(text: str) -> str:
    text = SECRET_SHAPES[0].sub("[redacted]", text)
    return SECRET_SHAPES[1].sub(r"\1[redacted]", text)


class RequestContextFilter(logging.Filter):
    """Stamps the current request's id on the record and masks secret-shaped values."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        record.msg = redact(record.getMessage())
        record.args = None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        entry.update({name: getattr(record, name) for name in FIELDS if hasattr(record, name)})
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, default=str)


def logging_config(*, json_lines: bool, level: str) -> dict:
    """The LOGGING setting: our loggers and Django's errors to stderr, text or JSON lines."""
    text = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "core.logs.RequestContextFilter"}},
        "formatters": {
            "text": {"format": text},
            "json": {"()": "core.logs.JsonFormatter"},
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "filters": ["context"],
                "formatter": "json" if json_lines else "text",
            }
        },
        "loggers": {
            "auth_ui": {"handlers": ["stderr"], "level": level},
            "core": {"handlers": ["stderr"], "level": level},
            "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
            "django.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "django.contrib.sessions": {"handlers": ["stderr"], "level": "ERROR"},
        },
    }
