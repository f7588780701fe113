"""What a vendor kit tells twingen: the one typed interface shared code asks about a vendor.

A kit is a folder ``twingen/kits/NAME/`` whose ``__init__.py`` defines ``KIT = Kit(...)``. Beside it sit
everything twingen knows about that vendor beyond its documents: the SDK scanner, the check driver and its
test values, ``runtime/`` (the vendor profile the twin's runtime loads: error envelope, auth, ids, paging
size, rate limits) and ``behaviour/`` (the behaviour modules a new twin of that vendor starts from).
Heavy parts are named as ``"module:attribute"`` and imported only when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from twingen.ir.parts import ApiParts

Recogniser = Callable[[ApiParts], "str | None"]
"""The reason a document is this vendor's (``"service host slack.com"``), or None."""


def load(reference: str) -> Any:
    """The object a ``"package.module:attribute"`` reference names, imported now."""
    module_name, _, attribute = reference.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


@dataclass(frozen=True)
class IrRules:
    """Inference rules where the vendor departs from what its documents say."""

    any_method: bool = False
    """Every method path takes GET and POST alike, whatever verb the document lists (Slack's Web API)."""
    cursor_field: str = ""
    """Where every paged answer carries its next cursor (``response_metadata.next_cursor``), if fixed."""
    rpc_paths: bool = False
    """RPC-style method paths (``/users.list``) are this vendor's normal shape, not worth a remark."""
    api_key_paths: tuple[str, ...] = ()
    """Path prefixes under which every operation that needs auth also takes the document's API keys, whatever
    security it lists (Okta takes its ``SSWS`` token on every ``/api/v1`` operation, even where the document
    names only OAuth 2.0)."""


@dataclass(frozen=True)
class SdkAdapter:
    """One SDK of the vendor: how twingen reads its surface and drives it in ``twingen check``."""

    package: str
    """The import name users pass to ``--sdk`` (``slack_sdk``; ``googleapiclient`` takes ``:DOC``)."""
    scanner: str
    """``"module:function"``: ``function(document)`` returns the SdkSurface (``document`` is "" unless needed)."""
    driver: str = ""
    """``"module:Class"`` of the check driver, or "" when ``twingen check`` cannot drive this SDK yet."""
    needs_document: bool = False
    """The SDK serves many APIs and ``--sdk`` names one of its documents (``googleapiclient:drive.v3``)."""
    document_folders: tuple[str, ...] = ()
    """Folders inside the installed package where ``PKG:DOC`` references find documents."""
    camel_operation_ids: bool = False
    """Operation ids of SDK-only REST methods are camelCase (``list_users`` -> ``listUsers``)."""
    distribution: str = ""
    """The PyPI distribution, when it differs from the import name."""


@dataclass(frozen=True)
class SuiteAdapter:
    """A vendor SDK's own test suite, run against a twin by ``twingen check NAME --suite NAME``."""

    name: str
    """What ``--suite`` takes (``okta``, ``slack_sdk``, ``gspread``, ``jira``)."""
    driver: str
    """``"module:Class"`` of the suite driver (see ``twingen.oracle``), imported only when the suite runs."""


@dataclass(frozen=True)
class Kit:
    """Everything twingen knows about one vendor beyond its documents."""

    name: str
    """The vendor's name: the twin spec's ``vendor`` and the profile module ``runtime/NAME.py``."""
    folder: Path
    recognise: Recogniser
    error_envelope: str
    """The vendor's error body, as ``twingen inspect`` describes it."""
    sdks: tuple[SdkAdapter, ...] = ()
    suites: tuple[SuiteAdapter, ...] = ()
    ir: IrRules = field(default_factory=IrRules)
    error_code: str = ""
    """``"module:function"``: ``function(status, body) -> str``, the vendor's error code in an answer ("" if none);
    what ``twingen replay`` compares."""
    answer_header: str = ""
    """A header every answer of the vendor's API carries (Okta's ``x-okta-request-id``): a recorded answer without it
    came from something else (a proxy's error page, a hand-written cassette), so ``twingen replay`` sets it apart."""
    feature_off_codes: tuple[str, ...] = ()
    """Error codes by which the vendor says the calling account lacks a feature (Okta's E0000015): a recorded one
    describes the recorded account's subscription, not the API, so ``twingen replay`` sets the interaction apart
    when the twin (an account with the documented generally available features) answers otherwise."""
    requirements: tuple[str, ...] = ()
    """What the kit's behaviour imports beyond the runtime's own dependencies (PEP 508 lines): a twin of this
    vendor lists them in its pyproject.toml, and twingen depends on them too."""

    @property
    def behaviour_dir(self) -> Path:
        """Behaviour modules a new twin of this vendor starts from (shipped in twingen's wheel)."""
        return self.folder / "behaviour"

    @property
    def runtime_dir(self) -> Path:
        """The vendor's part of the runtime, copied into each twin's ``runtime/vendors/``."""
        return self.folder / "runtime"

    def sdk(self, package: str) -> SdkAdapter | None:
        return next((adapter for adapter in self.sdks if adapter.package == package), None)

    def suite(self, name: str) -> SuiteAdapter | None:
        return next((adapter for adapter in self.suites if adapter.name == name), None)
