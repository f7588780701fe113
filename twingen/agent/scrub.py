"""Secret scrubbing: everything the transcript store writes passes through ``Scrubber.text`` first.

Two kinds of secrets are removed. Shapes we know (Anthropic keys, Slack tokens, bearer credentials in
headers, GitHub and AWS keys) are found by pattern; values we know (the current value of every
environment variable whose *name* says it is a secret) are found literally, because a value like
``hunter2hunter2`` has no shape a pattern could catch. The replacement names what was removed but
never any part of the value.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

SECRET_NAME = re.compile(r"(?i)(API_?KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?|PRIVATE_KEY|AUTH)$")
"""Environment variable names whose values are secrets: ``*_API_KEY``, ``*_TOKEN``, ``*_SECRET``, ..."""

MIN_VALUE_LENGTH = 6
"""Shorter values (``1``, ``true``) would blank out ordinary text; no real secret is that short."""

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # group 1 is a prefix that is kept (a header name), the rest of the match is the secret
    ("anthropic-key", re.compile(r"()sk-ant-[A-Za-z0-9_\-]{8,}")),
    ("api-key", re.compile(r"()\bsk-[A-Za-z0-9_\-]{20,}")),
    ("slack-token", re.compile(r"()\bxox[abposr]-[A-Za-z0-9\-]{6,}")),
    ("slack-app-token", re.compile(r"()\bxapp-[A-Za-z0-9\-]{10,}")),
    ("github-token", re.compile(r"()\bgh[pousr]_[A-Za-z0-9]{20,}")),
    ("aws-key", re.compile(r"()\bAKIA[0-9A-Z]{16}\b")),
    ("bearer", re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/\-]{8,}=*")),
    ("header-key", re.compile(r"(?i)(x-api-key[\"']?\s*[:=]\s*[\"']?)[^\s\"',}]{8,}")),
)


def is_secret_name(name: str) -> bool:
    """``SLACK_BOT_TOKEN``, ``ANTHROPIC_API_KEY``, ``DB_PASSWORD``: names whose values never leave the process."""
    return bool(SECRET_NAME.search(name))


class Scrubber:
    """Removes secrets from text and from JSON-like values; built once from an environment."""

    def __init__(self, environ: Mapping[str, str] | None = None, extra: tuple[str, ...] = ()) -> None:
        env = os.environ if environ is None else environ
        values = {v for k, v in env.items() if is_secret_name(k) and len(v) >= MIN_VALUE_LENGTH}
        values.update(v for v in extra if len(v) >= MIN_VALUE_LENGTH)
        # longest first so that a value containing another is replaced whole
        self._values = sorted(values, key=len, reverse=True)

    def text(self, text: str) -> str:
        for value in self._values:
            if value in text:
                text = text.replace(value, "[REDACTED:env]")
        for label, pattern in _PATTERNS:
            text = pattern.sub(rf"\1[REDACTED:{label}]", text)
        return text

    def value(self, data: Any) -> Any:
        """A copy of a JSON-like value with every string (keys too) scrubbed."""
        if isinstance(data, str):
            return self.text(data)
        if isinstance(data, Mapping):
            return {self.text(str(k)): self.value(v) for k, v in data.items()}
        if isinstance(data, list | tuple):
            return [self.value(v) for v in data]
        return data


ALLOWED_NAMES = re.compile(
    r"PATH|HOME|USER|LOGNAME|SHELL|TERM|TZ|TMPDIR|LANG|LANGUAGE|LC_\w+|NO_COLOR|COLUMNS|CI|SOURCE_DATE_EPOCH"
    r"|PYTHON(PATH|HOME|HASHSEED|UTF8|IOENCODING|DONTWRITEBYTECODE|WARNINGS)|VIRTUAL_ENV|CONDA_PREFIX"
    r"|XDG_(CACHE|CONFIG|DATA)_HOME|TWINGEN_\w+"
)
"""What a tool subprocess inherits: where things are and how to print them; never a credential or a proxy."""


def clean_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for tool subprocesses: the allow-listed variables, less any named like a secret."""
    env = os.environ if environ is None else environ
    return {k: v for k, v in env.items() if ALLOWED_NAMES.fullmatch(k) and not is_secret_name(k)}
