"""Fixtures for the check's tests: the tiny twin folder, made once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from .tiny import make_twin


@pytest.fixture(scope="session")
def tiny_twin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_twin(tmp_path_factory.mktemp("check"))
