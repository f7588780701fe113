"""Secret scrubbing: everything the transcript store writes passes through ``Scrubber.text`` first.

Two kinds of secrets are removed. Shapes we know (Anthropic keys, Slack tokens, bearer credentials in
headers, GitHub and AWS keys) are found by pattern; values we know (the current value of every
environment variable whose *name* says it is a secret, and the API key) are found literally, because a
value like ``hunter2hunter2`` has no shape a pattern could catch. A value we know is also found encoded
(``copies``: base64 standard and URL-safe, at each of the three byte alignments it can have inside a longer
encoded text, with or without padding; hex in either case; percent-encoded) and split (by whitespace or
newlines, or into string literals put back together: ``"sk-ant-" "api03..."``, ``'sk-' + 'ant...'``). The
replacement names what was removed but never any part of the value.
"""

from __future__ import annotations

import base64
import bisect
import os
import re
import urllib.parse
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


SEPARATOR = re.compile(r"""\s+|\\[nrt]|["']\s*(?:[+,]\s*)?(?:\\\s*)?["']""")
"""What may split a copy of a secret: whitespace, an escaped newline, a string literal closed and opened again."""


_PERCENT = re.compile(r"%[0-9A-F]{2}")


def _base64_cores(raw: bytes) -> list[str]:
    """The base64 characters that depend on ``raw`` alone, for each alignment (0, 1, 2) it may have in a longer
    text: the characters that also carry bits of the bytes around it are left out, and so is any padding."""
    cores = []
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + raw).decode()
        first, end = -(-8 * offset // 6), 8 * (offset + len(raw)) // 6
        cores.append(encoded[first:end])
    return cores


def copies(secret: str) -> list[tuple[str, str]]:
    """(label, text) for each form of ``secret`` the scrubber removes, the literal one first."""
    raw = secret.encode()
    found = [("env", secret), ("env", SEPARATOR.sub("", secret))]
    for core in _base64_cores(raw):
        found += [("env-base64", core), ("env-base64", core.translate(str.maketrans("+/", "-_")))]
    found += [("env-hex", raw.hex()), ("env-hex", raw.hex().upper())]
    every_byte = "".join(f"%{b:02X}" for b in raw)
    for quoted in (urllib.parse.quote(secret, safe=""), urllib.parse.quote_plus(secret), every_byte):
        found += [("env-urlencoded", quoted), ("env-urlencoded", _PERCENT.sub(lambda m: m[0].lower(), quoted))]
    seen: set[str] = set()
    unique = []
    for label, text in found:
        if len(text) >= MIN_VALUE_LENGTH and text not in seen:
            seen.add(text)
            unique.append((label, text))
    return unique


def is_secret_name(name: str) -> bool:
    """``SLACK_BOT_TOKEN``, ``ANTHROPIC_API_KEY``, ``DB_PASSWORD``: names whose values never leave the process."""
    return bool(SECRET_NAME.search(name))


class Scrubber:
    """Removes secrets from text and from JSON-like values; built once from an environment."""

    def __init__(self, environ: Mapping[str, str] | None = None, extra: tuple[str, ...] = ()) -> None:
        env = os.environ if environ is None else environ
        values = {v for k, v in env.items() if is_secret_name(k) and len(v) >= MIN_VALUE_LENGTH}
        values.update(v for v in extra if len(v) >= MIN_VALUE_LENGTH)
        forms = {text: label for value in values for label, text in reversed(copies(value))}
        # longest first so that a value containing another is replaced whole
        self._forms = sorted(forms.items(), key=lambda form: len(form[0]), reverse=True)

    def text(self, text: str) -> str:
        for form, label in self._forms:
            if form in text:
                text = text.replace(form, f"[REDACTED:{label}]")
        if self._forms:
            text = self._split_copies(text)
        for label, pattern in _PATTERNS:
            text = pattern.sub(rf"\1[REDACTED:{label}]", text)
        return text

    def _split_copies(self, text: str) -> str:
        """Copies broken up by ``SEPARATOR``s: found in the text without them, removed with them."""
        squeezed = SEPARATOR.sub("", text)
        if not any(form in squeezed for form, _ in self._forms):
            return text
        starts, origins, at, kept = [], [], 0, 0  # each kept piece: where it starts squeezed, and in ``text``
        for gap in [*SEPARATOR.finditer(text), None]:
            end = gap.start() if gap else len(text)
            if end > at:
                starts.append(kept)
                origins.append(at)
                kept += end - at
            at = gap.end() if gap else at

        def original(index: int) -> int:
            piece = bisect.bisect_right(starts, index) - 1
            return origins[piece] + index - starts[piece]

        spans: list[tuple[int, int, str]] = []
        for form, label in self._forms:
            found = squeezed.find(form)
            while found >= 0:
                spans.append((original(found), original(found + len(form) - 1) + 1, label))
                found = squeezed.find(form, found + len(form))
        out, at = [], 0
        for start, end, label in sorted(spans):
            if start < at:  # inside a copy already removed
                continue
            out += [text[at:start], f"[REDACTED:{label}-split]"]
            at = end
        return "".join(out) + text[at:]

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
