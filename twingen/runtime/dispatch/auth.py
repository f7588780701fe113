"""Credentials a request presents, checked against the seeded ones and those granted at run time.

Presented credentials are read the way the vendor's SDKs send them: ``Authorization: Bearer``/``Basic``,
an api key header with its prefix (Okta ``SSWS``), an api key query parameter, and vendor-specific
arguments (Slack's ``token`` form field or query parameter).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from typing import Any

from ..types import Credential
from ..vendors import VendorProfile

Presented = tuple[str, Any]
"""(scheme, value): ``("bearer", token)``, ``("apikey", token)``, ``("basic", (username, password))``."""


class Authenticator:
    """Holds the valid credentials (seeded and granted, of every tenant) and checks requests against them."""

    def __init__(self, auth_schemes: Iterable[dict[str, Any]], profile: VendorProfile) -> None:
        self.profile = profile
        self._prefixes: dict[str, str] = {}  # "ssws" -> apikey, for keys in the Authorization header
        self._key_headers: list[str] = []
        self._key_queries: list[str] = []
        for scheme in auth_schemes:
            if scheme.get("kind") != "apikey":
                continue
            location, name = scheme.get("location", "header"), scheme.get("param_name") or "Authorization"
            if location == "header" and name.lower() == "authorization":
                self._prefixes[(scheme.get("prefix") or "").lower()] = "apikey"
            elif location == "header":
                self._key_headers.append(name.lower())
            elif location == "query":
                self._key_queries.append(name)
        self._tokens: dict[tuple[str, str], Credential] = {}
        self._basic: dict[tuple[str, str], Credential] = {}

    @property
    def credentials(self) -> list[Credential]:
        """Every credential accepted now."""
        return [*self._tokens.values(), *self._basic.values()]

    def load(self, credentials: Iterable[Credential]) -> None:
        """Accept exactly ``credentials`` (every tenant's seeded and granted ones)."""
        self._tokens, self._basic = {}, {}
        for credential in credentials:
            self.add(credential)

    def add(self, credential: Credential) -> None:
        """Accept one more credential (granted at run time), replacing one with the same secret."""
        table, key = self._slot(credential)
        table[key] = credential

    def discard(self, credential: Credential) -> None:
        """Stop accepting the credential with this secret (revoked at run time)."""
        table, key = self._slot(credential)
        table.pop(key, None)

    def _slot(self, credential: Credential) -> tuple[dict[tuple[str, str], Credential], tuple[str, str]]:
        """The table a credential is looked up in, and its key there (what ``lookup`` is given)."""
        if credential.scheme == "basic":
            return self._basic, (credential.username, credential.password)
        return self._tokens, (credential.scheme, credential.token)

    def presented(self, headers: dict[str, str], params: dict[str, Any], arguments: bool = True) -> list[Presented]:
        found: list[Presented] = []
        header = headers.get("authorization")
        if header:
            kind, _, value = header.strip().partition(" ")
            lowered, value = kind.lower(), value.strip()
            if lowered == "bearer":
                found.append(("bearer", value))
            elif lowered == "basic":
                found.append(("basic", _decode_basic(value)))
            elif lowered in self._prefixes:
                found.append(("apikey", value))
            elif (glued := self._glued_key(lowered, header.strip())) is not None:
                found.append(("apikey", glued))
            elif "" in self._prefixes:
                found.append(("apikey", header.strip()))
        for name in self._key_headers:
            if name in headers:
                found.append(("apikey", headers[name]))
        for name in self._key_queries:
            if params.get(name):
                found.append(("apikey", str(params[name])))
        for name in self.profile.auth_params if arguments else ():
            argument = params.get(name)
            if isinstance(argument, str) and argument:
                found.append(("bearer", argument))
        return found

    def _glued_key(self, lowered: str, header: str) -> str | None:
        """The key of ``SSWS<key>``: okta-sdk-python 3.x's generated methods send the api token with no space
        after the prefix (``Configuration.auth_settings`` joins ``authorization_mode + access_token``), so the
        vendor must take it; refusing it would fail every call of the official SDK."""
        for prefix in self._prefixes:
            if prefix and lowered.startswith(prefix) and len(header) > len(prefix):
                return header[len(prefix) :]
        return None

    def lookup(self, presented: Presented) -> Credential | None:
        scheme, value = presented
        if scheme == "basic":
            return self._basic.get(value) if value else None
        return self._tokens.get((scheme, value))

    def known(self, headers: dict[str, str], params: dict[str, Any], *, arguments: bool = True) -> Credential | None:
        """The first credential the request carries that the twin knows, whatever the operation accepts."""
        for item in self.presented(headers, params, arguments):
            found = self.lookup(item)
            if found is not None:
                return found
        return None

    def check(
        self, schemes: frozenset[str], headers: dict[str, str], params: dict[str, Any], *, arguments: bool = True
    ) -> Credential | None:
        """The matching credential; raises the vendor's error when the operation needs one and none fits.

        Operations that need no auth still get the principal when a valid credential is sent.
        ``arguments=False`` ignores credentials in request arguments (Slack's ``token`` beside a JSON body).
        """
        presented = self.presented(headers, params, arguments)
        for item in presented:
            found = self.lookup(item)
            if found is not None and (not schemes or found.scheme in schemes):
                return found
        if not schemes:
            return None
        raise self.profile.invalid_auth() if presented else self.profile.not_authed()


def _decode_basic(value: str) -> tuple[str, str] | None:
    try:
        username, sep, password = base64.b64decode(value, validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return (username, password) if sep else None
