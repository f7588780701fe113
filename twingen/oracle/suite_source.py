"""Where a suite's tests come from, and the Python that runs them.

- ``--suite-path DIR``: a checkout of the SDK's repository, used as it is.
- Otherwise the sdist of the *installed* version of the SDK's distribution, fetched once with
  ``pip download --no-deps --no-binary :all:`` and unpacked under ``$XDG_CACHE_HOME/twingen/suites`` (so
  ``--suite NAME`` works on a fresh machine when the sdist carries its tests).
- The suite's own test plugins (``SuiteDriver.requirements``) that this Python lacks are installed with
  pip into a virtual environment per suite in the same cache that sees this Python's packages (the SDK,
  pytest, twingen), never into this environment.

Nothing here is ever written into the repository or the twin.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Sequence
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement

from twingen.oracle.suite_driver import SuiteDriver, SuiteError

PIP_SECONDS = 900.0


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/twingen/suites`` or ``~/.cache/twingen/suites``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "twingen" / "suites"


def installed_version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError as exc:
        raise SuiteError(f"{distribution} is not installed: its suite runs against the installed version") from exc


def suite_root(driver: type[SuiteDriver], suite_path: Path | None, cache: Path) -> Path:
    """The folder pytest runs in: the checkout given, or the unpacked sdist of the installed version."""
    if suite_path is not None:
        root = suite_path.expanduser().resolve()
        driver.check_root(root)
        return root
    if not driver.distribution:
        raise SuiteError(
            f"the {driver.name} suite is not in its sdist: pass --suite-path DIR, a checkout of {driver.repository}"
        )
    version = installed_version(driver.distribution)
    root = cache / f"{driver.distribution}-{version}"
    if not (root / driver.marker).is_file():
        _fetch_sdist(driver.distribution, version, root)
    driver.check_root(root)
    return root


def _fetch_sdist(distribution: str, version: str, root: Path) -> None:
    root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="twingen-sdist-", dir=root.parent) as tmp:
        argv = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "--quiet",
                "--dest", tmp, f"{distribution}=={version}"]  # fmt: skip
        _pip(argv, f"fetch the sdist of {distribution} {version}")
        archives = sorted(Path(tmp).glob("*.tar.gz"))
        if not archives:
            raise SuiteError(f"pip fetched no .tar.gz sdist of {distribution} {version}")
        unpacked = Path(tmp) / "unpacked"
        with tarfile.open(archives[0]) as archive:
            archive.extractall(unpacked, filter="data")  # no links out, no absolute paths
        tops = [p for p in unpacked.iterdir() if p.is_dir()]
        if len(tops) != 1:
            raise SuiteError(f"the sdist of {distribution} {version} has no single top folder")
        tops[0].rename(root)


def missing_requirements(requirements: Sequence[str]) -> list[str]:
    """The requirements this Python does not satisfy."""
    missing = []
    for text in requirements:
        try:
            requirement = Requirement(text)
        except InvalidRequirement as exc:
            raise SuiteError(f"bad suite requirement {text!r}: {exc}") from exc
        try:
            version = importlib.metadata.version(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(text)
            continue
        if requirement.specifier and not requirement.specifier.contains(version, prereleases=True):
            missing.append(text)
    return missing


def suite_python(suite: str, requirements: Sequence[str], cache: Path) -> str:
    """This Python when it has what the suite needs; else the suite's cached venv over it with the rest
    pip-installed (one per suite: two suites' test plugins may not get along, pytest-vcr and pytest-recording)."""
    missing = missing_requirements(requirements)
    if not missing:
        return sys.executable
    venv = cache / f"venv-{suite}-py{sys.version_info.major}.{sys.version_info.minor}"
    python = venv / "bin" / "python"
    if not python.is_file():
        # --system-site-packages: the venv sees the SDK, pytest and twingen exactly as installed here
        argv = [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)]
        _pip(argv, "make the suite's virtual environment")
    _pip([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", *missing],
         f"install the suite's test dependencies ({', '.join(missing)})")  # fmt: skip
    return str(python)


def _pip(argv: list[str], what: str) -> None:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=PIP_SECONDS, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise SuiteError(f"could not {what}: pip took over {PIP_SECONDS:.0f} s") from exc
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-5:])
        raise SuiteError(f"could not {what}:\n{tail}")
