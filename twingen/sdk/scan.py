"""``scan_sdk("slack_sdk")``: find the vendor kit that knows a package and read its surface with the kit's scanner."""

from __future__ import annotations

from twingen import kits
from twingen.sdk.surface import ScanError, SdkSurface


class UnsupportedSdk(ScanError):
    """No kit reads this package."""


def supported() -> list[str]:
    """The names ``scan_sdk`` accepts, for help texts and errors."""
    return [
        adapter.package + (":NAME.VERSION" if adapter.needs_document else "")
        for kit in kits.all_kits()
        for adapter in kit.sdks
    ]


def scan_sdk(spec: str) -> SdkSurface:
    """Scan ``slack_sdk``, ``okta``, ``jira`` or ``googleapiclient:drive.v3`` as installed; no SDK code runs."""
    package, _, document = spec.partition(":")
    found = kits.kit_for_sdk(package)
    if found is None:
        raise UnsupportedSdk(f"no SDK adapter for {package!r}; supported: {', '.join(supported())}")
    adapter = found[1]
    if adapter.needs_document and not document:
        raise UnsupportedSdk(f"{package} needs a document: {package}:NAME.VERSION")
    if document and not adapter.needs_document:
        raise UnsupportedSdk(f"{package} takes no ':{document}' part")
    scanner = kits.load(adapter.scanner)
    surface: SdkSurface = scanner(document) if adapter.needs_document else scanner()
    return surface
