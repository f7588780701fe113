"""Fixtures for the agent's tests: a fresh tiny twin per test, a store in tmp_path, a respx router."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import respx

from twingen.agent.store import TranscriptStore

from .tiny import make_twin


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
