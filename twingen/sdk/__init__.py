"""SDK surface scan (issue 3): read an installed SDK's source with libcst and merge its surface into the IR."""

from __future__ import annotations

from twingen.sdk.merge import merge_surface
from twingen.sdk.scan import UnsupportedSdk, scan_sdk, supported
from twingen.sdk.surface import ScanError, SdkMethod, SdkParam, SdkSurface, Unresolved

__all__ = [
    "ScanError",
    "SdkMethod",
    "SdkParam",
    "SdkSurface",
    "Unresolved",
    "UnsupportedSdk",
    "merge_surface",
    "scan_sdk",
    "supported",
]
