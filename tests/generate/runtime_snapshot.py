"""One copy of ``twingen/runtime`` per test session, so twins generated in one test are comparable.

The runtime is written by others in the same working tree; without a snapshot, a file they add between
two generations would look like nondeterminism here.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from twingen.generate import render


@pytest.fixture(scope="session", autouse=True)
def runtime_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    snapshot = tmp_path_factory.mktemp("runtime-snapshot") / "runtime"
    shutil.copytree(render.RUNTIME_SOURCE, snapshot, ignore=shutil.ignore_patterns("__pycache__"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "RUNTIME_SOURCE", snapshot)
        yield
