"""Fixtures for the agent's tests: a fresh tiny twin per test, a store in tmp_path, a respx router."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import respx

from twingen import kits
from twingen.agent.store import TranscriptStore

from . import tiny
from .tiny import make_twin


@pytest.fixture(scope="session", autouse=True)
def runtime_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One copy of ``twingen/runtime`` per session: others edit it in this working tree while tests run,
    and a recording and its replay must run the same runtime to reach the same state."""
    snapshot = tmp_path_factory.mktemp("runtime-snapshot") / "runtime"
    shutil.copytree(tiny.RUNTIME, snapshot, ignore=shutil.ignore_patterns("__pycache__"))
    kit = kits.kit_named("slack")
    assert kit is not None
    for profile in kit.runtime_dir.glob("*.py"):  # as a generated twin carries its vendor's profile
        shutil.copy(profile, snapshot / "vendors" / profile.name)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tiny, "RUNTIME", snapshot)
        yield


@pytest.fixture
def twin(tmp_path: Path) -> Path:
    return make_twin(tmp_path / "workspace")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[TranscriptStore]:
    opened = TranscriptStore(tmp_path / "runs.sqlite")
    yield opened
    opened.close()


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    # base-url-less router used only through the httpx2 bridge; nothing real is patched
    with respx.mock(assert_all_called=False, assert_all_mocked=True) as mocked:
        yield mocked
