"""Surfaces of the real installed SDKs, scanned once per test session."""

from __future__ import annotations

import pytest

from twingen.sdk import SdkSurface, scan_sdk


@pytest.fixture(scope="session")
def slack_surface() -> SdkSurface:
    return scan_sdk("slack_sdk")


@pytest.fixture(scope="session")
def okta_surface() -> SdkSurface:
    return scan_sdk("okta")


@pytest.fixture(scope="session")
def jira_surface() -> SdkSurface:
    return scan_sdk("jira")


@pytest.fixture(scope="session")
def drive_surface() -> SdkSurface:
    return scan_sdk("googleapiclient:drive.v3")
