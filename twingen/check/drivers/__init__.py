"""Per-SDK drivers: how to build a client against a twin, call a method and read how it ended.

Each vendor kit names its SDKs' drivers; this module finds one by SDK name and imports it only then.
"""

from __future__ import annotations

from typing import Any

from twingen import kits
from twingen.check.drivers.base import Driver, PlannedProbe
from twingen.check.runner import RunningTwin
from twingen.sdk.surface import SdkSurface

__all__ = ["Driver", "PlannedProbe", "UnsupportedCheck", "drivable", "driver_class", "driver_for"]


class UnsupportedCheck(LookupError):
    """No driver calls this SDK yet."""


def drivable() -> list[str]:
    """The SDKs ``twingen check`` can drive, for help texts and errors."""
    return [adapter.package for kit in kits.all_kits() for adapter in kit.sdks if adapter.driver]


def driver_class(sdk: str) -> type[Driver]:
    """The driver for ``slack_sdk`` or ``googleapiclient:NAME.VERSION``; the SDK is imported only here."""
    found = kits.kit_for_sdk(sdk.partition(":")[0])
    if found is None or not found[1].driver:
        raise UnsupportedCheck(f"no check driver for {sdk!r}; supported: {', '.join(drivable())}")
    driver: type[Driver] = kits.load(found[1].driver)
    return driver


def driver_for(sdk: str, twin: RunningTwin, surface: SdkSurface, operations: dict[str, dict[str, Any]]) -> Driver:
    """A driver for ``sdk`` bound to a running twin."""
    return driver_class(sdk)(twin, surface, operations)
