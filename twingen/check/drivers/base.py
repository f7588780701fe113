"""What a per-SDK driver does for the check: build clients, make arguments, call, and know the vendor's errors.

The engine (``twingen.check.engine``) only speaks to this interface, so a new SDK needs one driver module.
Everything vendor-specific — which token suits a method, which error code a missing argument earns,
which exception means "vendor error" rather than "could not parse" — lives in the driver.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from twingen.check.arguments import Pool
from twingen.check.classes import Outcome
from twingen.check.runner import RunningTwin
from twingen.sdk.surface import SdkMethod, SdkSurface

# the last word of an operation that makes state other calls can use: run these first
_MAKERS = ("create", "add", "open", "post", "upload", "invite", "schedule", "share", "start", "insert", "copy")
# the last word of an operation that destroys what others need: run these last, each on fresh state
_BREAKERS = (
    "delete", "remove", "archive", "kick", "leave", "close", "revoke", "uninstall", "deactivate", "disable",
    "wipe", "reset", "end", "clear", "stop", "empty", "hide", "cancel", "decline", "unarchive", "rename",
)  # fmt: skip


@dataclass(frozen=True)
class PlannedProbe:
    """An invalid (or otherwise special) call to make after the valid one."""

    label: str
    expected: frozenset[str]
    """Vendor error codes that are right; empty means the call must succeed."""
    make: Callable[[], Outcome]
    needs_success: bool = False
    """Run only after a valid call that worked: an invalid-argument probe judges the twin's answer to one
    argument changed from a call known to work; after a refusal its answer would only repeat the refusal."""


class Driver(abc.ABC):
    """One SDK's way of being called against a running twin."""

    vendor = ""
    needs_tls = False
    """Whether the SDK sends some calls to ``https://`` whatever the endpoint's scheme: the twin is then
    served with ``--tls`` and the driver trusts its CA (``RunningTwin.ca_file``)."""
    retry_codes: frozenset[str] = frozenset()
    """Error codes that mean "this credential does not suit the method": the call is retried with the next."""

    def __init__(self, twin: RunningTwin, surface: SdkSurface, operations: dict[str, dict[str, Any]]) -> None:
        self.twin = twin
        self.surface = surface
        self.operations = operations

    @abc.abstractmethod
    def connect(self) -> None:
        """(Re)build the SDK clients from the twin's current credentials."""

    @abc.abstractmethod
    def setup(self, pool: Pool) -> None:
        """Make the state most methods need (a channel with a message, a file) and note its ids."""

    @abc.abstractmethod
    def arguments(self, method: SdkMethod, pool: Pool) -> dict[str, Any]:
        """Valid keyword arguments for ``method`` by the SDK's own argument names."""

    @abc.abstractmethod
    def call(self, method: SdkMethod, args: dict[str, Any], credential: str) -> Outcome:
        """Call ``method`` through the real SDK as ``credential`` and say how it ended."""

    @abc.abstractmethod
    def probes(self, method: SdkMethod, args: dict[str, Any], credential: str, pool: Pool) -> list[PlannedProbe]:
        """The invalid calls whose vendor answer is known for this method."""

    @abc.abstractmethod
    def known_errors(self, method: SdkMethod) -> frozenset[str]:
        """Error codes the vendor really returns for this method (declared in the IR, or known to the driver)."""

    def known_errors_for(self, method: SdkMethod, credential: str) -> frozenset[str]:
        """``known_errors`` for a call made as ``credential`` (a token error is right only for some tokens)."""
        return self.known_errors(method)

    @abc.abstractmethod
    def harvest(self, method: SdkMethod, args: dict[str, Any], outcome: Outcome, pool: Pool) -> None:
        """Note the ids an answer gave (and forget the ones a delete removed)."""

    def notes(self, method: SdkMethod) -> str:
        """Anything about the last arguments made for ``method`` the report should say (placeholders)."""
        return ""

    def credentials_for(self, method: SdkMethod) -> list[str]:
        """Credential names to try in order; the first one that suits the method is used."""
        return list(self.twin.credentials)[:1]

    def operations_of(self, method: SdkMethod) -> tuple[str, ...]:
        return (method.operation,) if method.operation else method.calls

    def close(self) -> None:  # noqa: B027 - most drivers hold nothing to release
        """Release the clients' connections."""

    # -- order ------------------------------------------------------------------------------------
    def order(self, methods: Sequence[SdkMethod]) -> list[SdkMethod]:
        """Makers first, then the rest, then breakers; the SDK's own order within each group (deterministic)."""
        return sorted(methods, key=lambda m: self.rank(m))

    def rank(self, method: SdkMethod) -> int:
        if self.destructive(method):
            return 2
        return 0 if _last_word(method).startswith(_MAKERS) else 1

    def destructive(self, method: SdkMethod) -> bool:
        return _last_word(method).startswith(_BREAKERS)


def _last_word(method: SdkMethod) -> str:
    ops = method.operation or (method.calls[0] if method.calls else method.name)
    return ops.rsplit(".", 1)[-1].lower()
