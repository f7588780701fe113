"""The surface of an SDK as read from its source: plain, frozen records that adapters produce.

One ``SdkMethod`` per public method a user can call. ``operation`` is what the method reaches on the wire:
an RPC method name (Slack ``chat.postMessage``), a Discovery method id (``drive.files.list``) or an HTTP
verb and path template (``GET /api/v1/users``). Helpers that only call other SDK methods have no operation
of their own and list the operations they reach in ``calls``. Whatever an adapter could not resolve is
kept in ``unresolved`` with a reason, never dropped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any, Literal

SdkParamLocation = Literal["path", "query", "form", "json", "header", "body"]
"""``form``: a form or multipart field; ``json``: a top-level field of a JSON body; ``body``: the whole
request body as one argument (Okta's model objects, Google's ``body``)."""

SurfaceStyle = Literal["rpc", "rest", "discovery"]
"""How operations are named, and so how ``twingen.sdk.merge`` matches them with the docs."""


class ScanError(LookupError):
    """An SDK could not be scanned: not installed, not supported, or no such document."""


@dataclass(frozen=True)
class SdkParam:
    """One argument of an SDK method as it reaches the wire."""

    name: str
    """Wire name (``sortBy``), which may differ from the SDK's argument name (``sort_by``)."""
    required: bool
    location: SdkParamLocation
    default_repr: str = ""
    """The default as written in the SDK source (``None``, ``False``); "" when required."""
    python_name: str = ""
    """The SDK's argument name, when it is not the wire name."""


@dataclass(frozen=True)
class SdkMethod:
    """One public SDK method and the operation it calls."""

    name: str
    """As a user calls it: ``chat_postMessage``, ``list_users``, ``issue``, ``files.list``."""
    operation: str
    """``chat.postMessage`` | ``GET /api/v1/users`` | ``drive.files.list``; "" for a helper."""
    http_verb: str
    path: str
    """Path template as sent (``/api/chat.postMessage``, ``/rest/api/2/issue/{0}``); "" for a helper."""
    params: tuple[SdkParam, ...] = ()
    paginates: bool = False
    file: str = ""
    """Source file relative to the directory that holds the package (``slack_sdk/web/client.py``)."""
    line: int = 0
    pointer: str = ""
    """Where in ``file``: a qualified name (``WebClient.chat_postMessage``) or, for JSON, a JSON pointer."""
    calls: tuple[str, ...] = ()
    """Operations reached through other SDK methods (helpers such as ``files_upload_v2``)."""
    client: str = ""
    """The SDK class a user calls it on, for SDKs with several public clients (slack_sdk's ``WebClient``,
    ``SCIMClient``...); "" for single-client SDKs."""

    @property
    def is_helper(self) -> bool:
        return not self.operation and bool(self.calls)

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class Unresolved:
    """A public method the adapter could not map to an operation, and why."""

    name: str
    reason: str
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class SdkSurface:
    """Everything one scan found."""

    package: str
    """As given to ``twingen sdk scan``: ``slack_sdk``, ``googleapiclient:drive.v3``."""
    version: str
    style: SurfaceStyle
    root: str
    """Absolute directory that ``SdkMethod.file`` paths are relative to (site-packages)."""
    methods: tuple[SdkMethod, ...] = ()
    unresolved: tuple[Unresolved, ...] = ()
    main_client: str = ""
    """For several clients: the one whose methods are the document's operations (slack_sdk's ``WebClient``);
    the others reach other APIs (Audit Logs, SCIM) and are checked, never merged into the document."""

    def method(self, name: str) -> SdkMethod:
        for m in self.methods:
            if m.name == name:
                return m
        raise KeyError(name)

    def operations(self) -> frozenset[str]:
        """Every distinct operation reached, directly or through helpers."""
        ops = {m.operation for m in self.methods if m.operation}
        ops.update(c for m in self.methods for c in m.calls)
        return frozenset(ops)

    def counts(self) -> dict[str, int]:
        return {
            "methods": len(self.methods),
            "operations": len(self.operations()),
            "helpers": sum(m.is_helper for m in self.methods),
            "paginated": sum(m.paginates for m in self.methods),
            "unresolved": len(self.unresolved),
        }

    def unresolved_reasons(self) -> list[tuple[str, int]]:
        """Reasons with how often each occurs, most frequent first."""
        return Counter(u.reason for u in self.unresolved).most_common()

    def to_data(self) -> dict[str, Any]:
        """JSON-compatible form (``--json``): field names as keys, tuples as lists."""
        data = asdict(self)
        data["counts"] = self.counts()
        return data
