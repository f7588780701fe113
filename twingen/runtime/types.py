"""The runtime's vocabulary: credentials, responses and the vendor error that behaviour code raises."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

JSON = Any
"""A JSON-compatible value (dict, list, str, int, float, bool, None)."""

Record = dict[str, Any]
"""One stored object: a JSON-compatible dict."""

Scheme = Literal["bearer", "basic", "apikey"]


@dataclass(frozen=True)
class Credential:
    """A credential the twin accepts; ``principal`` is free-form identity data behaviour code reads."""

    name: str
    scheme: Scheme
    token: str = ""
    username: str = ""
    password: str = ""
    principal: Mapping[str, Any] = field(default_factory=dict)
    scopes: tuple[str, ...] = ()
    listed: bool = True
    """False for a credential the twin accepts but ``/_twin/credentials`` does not list (a deactivated
    user's token that tests use on purpose, not as a working identity)."""

    def public(self) -> dict[str, str]:
        """The shape ``GET /_twin/credentials`` lists."""
        if self.scheme == "basic":
            return {"name": self.name, "scheme": "basic", "username": self.username, "password": self.password}
        return {"name": self.name, "scheme": self.scheme, "token": self.token}


@dataclass
class Response:
    """An explicit answer from behaviour code when a plain dict (HTTP 200, JSON) is not enough."""

    status: int = 200
    body: JSON | bytes | str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    media_type: str | None = None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a request's parameters, before a vendor profile words it."""

    name: str
    location: str
    kind: Literal["required", "invalid"]
    value: str = ""


class VendorError(Exception):
    """An error the vendor itself would send; the vendor profile renders it in the vendor's envelope.

    ``code`` is the vendor's own identifier (Slack ``channel_not_found``, Google reason ``notFound`` or
    status ``NOT_FOUND``, Okta ``E0000007``); ``status`` defaults to what the vendor uses for that code.
    """

    def __init__(self, code: str, status: int | None = None, message: str | None = None, **details: Any) -> None:
        super().__init__(message or code)
        self.code = code
        self.status = status
        self.message = message
        self.details = details

    def __repr__(self) -> str:
        return f"VendorError({self.code!r}, status={self.status!r}, message={self.message!r})"
