"""The ``universe`` pytest fixture (a ``pytest11`` entry point): every generated twin running as one organisation.

The twins start once per session (``--universe-root``, default ``generated``; ``--universe-twin NAME`` to choose;
the ``twin-universe`` package's copy runs its installed twins: ``defaults``), wired and with the shared roster; each
test then starts from that state (a universe snapshot restored before it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from . import defaults
from .running import Universe, default_twins, start_universe


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("twingen universe")
    group.addoption("--universe-root", default=defaults.ROOT, help="folder of the generated twins (ROOT/NAME)")
    group.addoption("--universe-twin", action="append", default=[], help="a twin for the universe (repeatable)")
    group.addoption(
        "--universe-threads", action="store_true", help="serve the universe's twins from the test process, in threads"
    )
    group.addoption(
        "--universe-one-port",
        action="store_true",
        help="serve the universe on one loopback port: each twin under /NAME, and /_universe/ (members' base_url)",
    )


@pytest.fixture(scope="session")
def _universe_session(pytestconfig: pytest.Config) -> Iterator[tuple[Universe, str]]:
    given = pytestconfig.getoption("--universe-root")
    root = Path(str(given)) if given is not None else None
    if root is not None and not root.is_absolute():
        root = Path(str(pytestconfig.rootpath)) / root
    only = tuple(pytestconfig.getoption("--universe-twin") or defaults.TWINS)
    threads = bool(pytestconfig.getoption("--universe-threads"))
    one_port = 0 if pytestconfig.getoption("--universe-one-port") else None
    with start_universe(default_twins(root, only), threads=threads, one_port=one_port) as running:
        yield running, running.snapshot()["id"]


@pytest.fixture
def universe(_universe_session: tuple[Universe, str]) -> Universe:
    """The running universe, as it was when it started (its baseline snapshot restored)."""
    running, baseline = _universe_session
    running.restore(baseline)
    return running
