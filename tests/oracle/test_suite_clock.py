"""A suite's twin keeps the wall clock: SDK suites send times they read from it (a message scheduled a minute
ahead), which a clock stepped from 2024 would refuse as too far in the future. ``check --sdk`` and replays keep
their seeded, repeatable clock."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, ClassVar

import pytest

from twingen.check.runner import serve
from twingen.oracle.suite import SuiteOptions, run_suite

from .suites.sample_driver import SAMPLE, SampleDriver
from .suites.tiny_twin import make_twin

pytestmark = pytest.mark.network_loopback


@pytest.fixture(scope="module")
def twin_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_twin(tmp_path_factory.mktemp("clock"))


class ClockReadingDriver(SampleDriver):
    """The sample suite's driver, noting the twin's clock as the suite starts."""

    seen: ClassVar[list[dict[str, Any]]] = []

    def environment(self) -> dict[str, str]:
        self.seen.append(self.twin.http.get("/_twin/clock").json())
        return super().environment()


def test_a_suite_run_serves_the_twin_on_the_wall_clock(twin_dir: Path, tmp_path: Path) -> None:
    options = SuiteOptions(twin_dir, "sample", SAMPLE, cache=tmp_path, driver=ClockReadingDriver,
                           tests="test_create_then_get")  # fmt: skip
    report = run_suite(options)
    assert [t.outcome for t in report.tests if t.outcome != "excluded"] == ["passed"]
    (clock,) = ClockReadingDriver.seen
    assert clock["deterministic"] is False and abs(clock["now"] - time.time()) < 600


def test_serve_keeps_the_seeded_stepped_clock_unless_told_otherwise(twin_dir: Path) -> None:
    with serve(twin_dir) as seeded:
        assert seeded.http.get("/_twin/clock").json()["deterministic"] is True
    with serve(twin_dir, seed=None) as wall:
        clock = wall.http.get("/_twin/clock").json()
        assert clock["deterministic"] is False and abs(clock["now"] - time.time()) < 600
