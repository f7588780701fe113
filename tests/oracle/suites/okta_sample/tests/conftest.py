"""The sample's fixtures, shaped like okta-sdk-python's ``tests/conftest.py`` (written for twingen's tests).

The suite marks its tests for pytest-recording's cassettes and overrides its ``vcr`` fixture so that cassettes are
used only when the tests are not live; live, the client talks to whatever ``OKTA_CLIENT_ORGURL`` names.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.mocks import is_live


@pytest.fixture(autouse=True)
def vcr(vcr_markers: list[Any]) -> Iterator[None]:
    """pytest-recording's fixture, overridden: no cassette when live (and this sample has none to replay)."""
    if vcr_markers and not is_live():
        pytest.skip("the sample carries no cassettes: run it live (MOCK_TESTS=false)")
    yield None
