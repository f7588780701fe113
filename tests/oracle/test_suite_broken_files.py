"""A suite file that cannot be imported is one error; excluded by its driver (``file.py::*``, broken upstream)
it is listed as one excluded entry with the driver's reason, and counts in the total like any exclusion."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from twingen.oracle.suite import SuiteOptions, run_suite

from .suites.sample_driver import SampleDriver
from .suites.tiny_twin import make_twin

pytestmark = pytest.mark.network_loopback

BROKEN = "from json import name_json_never_had\n\n\ndef test_never_collected() -> None:\n    pass\n"
FINE = "def test_fine() -> None:\n    assert True\n"
WHY = "imports a name its own SDK lacks (broken upstream)"


class BrokenFileDriver(SampleDriver):
    marker = "sample_fine.py"
    paths = ("sample_fine.py", "sample_broken.py")
    excluded: ClassVar[dict[str, str]] = {}


class ExcludingDriver(BrokenFileDriver):
    excluded: ClassVar[dict[str, str]] = {"sample_broken.py::*": WHY}


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("broken")
    suite = root / "suite"
    suite.mkdir()
    (suite / "pytest.ini").write_text("[pytest]\npython_files = sample_*.py\n")
    (suite / "sample_broken.py").write_text(BROKEN)
    (suite / "sample_fine.py").write_text(FINE)
    return suite, make_twin(root / "twin")


def _outcomes(folders: tuple[Path, Path], driver: type[SampleDriver], cache: Path) -> dict[str, tuple[str, str]]:
    suite, twin_dir = folders
    report = run_suite(SuiteOptions(twin_dir, "sample", suite, cache=cache, driver=driver))
    return {t.nodeid: (t.outcome, t.cause) for t in report.tests}


def test_an_unimportable_file_is_one_error(folders: tuple[Path, Path], tmp_path: Path) -> None:
    outcomes = _outcomes(folders, BrokenFileDriver, tmp_path)
    assert outcomes["sample_fine.py::test_fine"] == ("passed", "")
    outcome, cause = outcomes["sample_broken.py"]
    assert outcome == "error" and "ImportError" in cause and "name_json_never_had" in cause


def test_an_excluded_unimportable_file_is_listed_with_the_reason(folders: tuple[Path, Path], tmp_path: Path) -> None:
    outcomes = _outcomes(folders, ExcludingDriver, tmp_path)
    assert outcomes == {"sample_fine.py::test_fine": ("passed", ""), "sample_broken.py": ("excluded", WHY)}
