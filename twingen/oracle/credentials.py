"""The recorded credentials swapped for the twin's: the ``Authorization`` header (``SSWS``, ``Bearer``,
``Basic``, or a bare secret) and token fields in the query or a form body.

The twin's credentials are what ``GET /_twin/credentials`` lists. The credential chosen for a recorded secret
is one of the matching kind (basic for ``Basic``, a bearer token for ``Bearer``, an API key for another
scheme word such as ``SSWS``) whose secret shares the longest prefix with the recorded one (``xoxb-`` picks
the bot token), the first listed on a tie: cassettes usually carry a placeholder.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TOKEN_FIELDS = frozenset({"token", "access_token", "oauth_token"})
"""Query and form fields that carry a token in the vendors' APIs (Slack's ``token``, OAuth's ``access_token``)."""


@dataclass(frozen=True)
class TwinCredential:
    name: str
    scheme: str
    """``bearer``, ``apikey`` or ``basic``, as the twin lists it."""
    secret: str
    """The token, or ``username:password`` for basic."""


def listed(listing: Mapping[str, Any]) -> list[TwinCredential]:
    """The credentials of a ``/_twin/credentials`` answer, in the twin's order."""
    found = []
    for item in listing.get("credentials", ()):
        scheme = str(item.get("scheme", "bearer")).lower()
        secret = str(item["token"]) if item.get("token") else f"{item.get('username', '')}:{item.get('password', '')}"
        found.append(TwinCredential(str(item.get("name", "")), scheme, secret))
    return found


class CredentialSwap:
    """Puts the twin's credentials where the recording had the real service's."""

    def __init__(
        self, credentials: Iterable[TwinCredential], query_fields: Iterable[str] = (), apikey_prefix: str = ""
    ) -> None:
        self.credentials = list(credentials)
        self.fields = TOKEN_FIELDS | frozenset(query_fields)
        self.apikey_prefix = apikey_prefix
        """The word before an API key in ``Authorization`` (Okta's ``SSWS``), from the twin's auth schemes."""

    @classmethod
    def for_twin(cls, listing: Mapping[str, Any], spec: Mapping[str, Any]) -> CredentialSwap:
        """From a ``/_twin/credentials`` answer and the spec's auth schemes (query token fields, key prefix)."""
        schemes = spec.get("auth_schemes", ())
        fields = [str(s["param_name"]) for s in schemes if s.get("location") == "query" and s.get("param_name")]
        prefix = next(
            (str(s.get("prefix", "")) for s in schemes if s.get("kind") == "apikey" and s.get("location") == "header"),
            "",
        )
        return cls(listed(listing), fields, prefix)

    def choose(self, recorded: str, kinds: tuple[str, ...]) -> TwinCredential | None:
        """The twin credential of one of ``kinds`` (any kind if none fits) most like the recorded secret."""
        pool = [c for c in self.credentials if c.scheme in kinds] or self.credentials
        if not pool:
            return None
        return max(pool, key=lambda c: (_common_prefix(c.secret, recorded), -pool.index(c)))

    def authorization(self, value: str) -> str:
        """The twin's ``Authorization`` value for a recorded one."""
        word, _, secret = value.strip().partition(" ")
        if not secret:  # a bare secret or a placeholder ("<ACCESS_TOKEN>"): the twin's own way of sending one
            credential = self.choose(word, ("bearer", "apikey", "basic"))
            return (
                _render(credential, self.apikey_prefix if credential and credential.scheme == "apikey" else "")
                if credential
                else value
            )
        scheme = word.lower()
        if scheme == "basic":
            credential = self.choose(_basic_secret(secret), ("basic",))
        elif scheme in ("bearer", "dpop"):  # DPoP sends an OAuth access token too, bound to a proof
            credential = self.choose(secret, ("bearer",))
        else:  # SSWS, DPoP, token...: the vendor's own word, kept
            credential = self.choose(secret, ("apikey", "bearer"))
        return _render(credential, word) if credential else value

    def headers(self, headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(k, self.authorization(v) if k.lower() == "authorization" else v) for k, v in headers]

    def url(self, url: str) -> str:
        """Token fields of the query swapped; the rest of the query keeps its recorded encoding."""
        parts = urlsplit(url)
        if not parts.query:
            return url
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        swapped = self._fields(pairs)
        if swapped == pairs:
            return url
        return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(swapped), parts.fragment))

    def form(self, body: bytes) -> bytes:
        """Token fields of a form body swapped."""
        pairs = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        swapped = self._fields(pairs)
        return body if swapped == pairs else urlencode(swapped).encode("utf-8")

    def _fields(self, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        out = []
        for name, value in pairs:
            if name in self.fields and value:
                credential = self.choose(value, ("bearer", "apikey"))
                value = credential.secret if credential else value
            out.append((name, value))
        return out


def _render(credential: TwinCredential, word: str) -> str:
    if credential.scheme == "basic":
        return "Basic " + base64.b64encode(credential.secret.encode("utf-8")).decode("ascii")
    if not word or word.lower() == "basic":
        word = "Bearer" if credential.scheme == "bearer" else ""
    return f"{word} {credential.secret}".strip()


def _basic_secret(encoded: str) -> str:
    try:
        return base64.b64decode(encoded, validate=False).decode("utf-8", "replace")
    except ValueError:
        return encoded


def _common_prefix(left: str, right: str) -> int:
    count = 0
    for a, b in zip(left, right, strict=False):
        if a != b:
            break
        count += 1
    return count
