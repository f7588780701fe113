"""Two slow tests, for the suite's overall timeout (written for twingen's tests)."""

from __future__ import annotations

import time


def test_slow_one() -> None:
    time.sleep(60)


def test_slow_two() -> None:
    time.sleep(60)
