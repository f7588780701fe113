"""Per-SDK drivers: how to build a client against a twin, call a method and read how it ended."""

from __future__ import annotations

from typing import Any

from twingen.check.drivers.base import Driver, PlannedProbe
from twingen.check.runner import RunningTwin
from twingen.sdk.surface import SdkSurface

__all__ = ["Driver", "PlannedProbe", "UnsupportedCheck", "driver_class", "driver_for"]


class UnsupportedCheck(LookupError):
    """No driver calls this SDK yet."""


def driver_class(sdk: str) -> type[Driver]:
    """The driver for ``slack_sdk`` or ``googleapiclient:NAME.VERSION``; the SDK is imported only here."""
    package = sdk.partition(":")[0]
    if package == "slack_sdk":
        from twingen.check.drivers.slack import SlackDriver

        return SlackDriver
    if package == "googleapiclient":
        from twingen.check.drivers.google import GoogleDriver

        return GoogleDriver
    raise UnsupportedCheck(f"no check driver for {sdk!r}; supported: slack_sdk, googleapiclient")


def driver_for(sdk: str, twin: RunningTwin, surface: SdkSurface, operations: dict[str, dict[str, Any]]) -> Driver:
    """A driver for ``sdk`` bound to a running twin."""
    return driver_class(sdk)(twin, surface, operations)
