"""``scan_sdk("slack_sdk")``: pick the adapter for a package name and read its surface."""

from __future__ import annotations

from collections.abc import Callable

from twingen.sdk import google, jira, okta, slack
from twingen.sdk.surface import ScanError, SdkSurface

ADAPTERS: dict[str, Callable[[], SdkSurface]] = {
    "slack_sdk": slack.scan,
    "okta": okta.scan,
    "jira": jira.scan,
}
"""Import name -> adapter. ``googleapiclient`` is separate: it needs a document name."""

GOOGLE = "googleapiclient"


class UnsupportedSdk(ScanError):
    """No adapter reads this package."""


def supported() -> list[str]:
    """The names ``scan_sdk`` accepts, for help texts and errors."""
    return [*ADAPTERS, f"{GOOGLE}:NAME.VERSION"]


def scan_sdk(spec: str) -> SdkSurface:
    """Scan ``slack_sdk``, ``okta``, ``jira`` or ``googleapiclient:drive.v3`` as installed; no SDK code runs."""
    package, _, document = spec.partition(":")
    if package == GOOGLE:
        if not document:
            raise UnsupportedSdk(f"{GOOGLE} needs a discovery document: {GOOGLE}:drive.v3")
        return google.scan(document)
    if document:
        raise UnsupportedSdk(f"{package} takes no ':{document}' part")
    adapter = ADAPTERS.get(package)
    if adapter is None:
        raise UnsupportedSdk(f"no SDK adapter for {package!r}; supported: {', '.join(supported())}")
    return adapter()
