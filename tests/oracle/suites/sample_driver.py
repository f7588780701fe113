"""Suite drivers for the sample suite in ``sample/``, as a kit's driver would be for a vendor SDK's suite."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from twingen.oracle.suite_driver import SuiteDriver

SAMPLE = Path(__file__).resolve().parent / "sample"


class SampleDriver(SuiteDriver):
    name = "sample"
    repository = "tests/oracle/suites/sample"
    marker = "sample_items.py"
    paths = ("sample_items.py",)
    excluded: ClassVar[dict[str, str]] = {
        "sample_items.py::test_needs_a_second_workspace": "needs a second real workspace; a twin is one",
    }
    test_timeout = 3.0
    suite_timeout = 120.0

    def environment(self) -> dict[str, str]:
        return {"SAMPLE_TOKEN": self.credential("bearer")}

    def rewrites(self) -> dict[str, str]:
        return {"https://api.sample.invalid/": f"{self.twin.base_url}/"}

    def tokens(self) -> dict[str, str]:
        return {"PLACEHOLDER": self.credential("bearer")}


class SlowDriver(SampleDriver):
    """The slow pair, with no per-test timeout and a short overall one."""

    paths = ("sample_slow.py",)
    excluded: ClassVar[dict[str, str]] = {}
    test_timeout = 0.0
    suite_timeout = 4.0


class ExitDriver(SampleDriver):
    """A suite that ends the run itself part-way."""

    paths = ("sample_exit.py",)
    excluded: ClassVar[dict[str, str]] = {}
