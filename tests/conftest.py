"""Fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DOCS = REPO.parent / "shared" / "api_docs"


@pytest.fixture(scope="session")
def shared_docs() -> Path:
    """The real vendor documents, read in place (never copied into the repo)."""
    if not SHARED_DOCS.is_dir():
        pytest.fail(f"vendor documents not found at {SHARED_DOCS}: clone the project beside ../shared")
    return SHARED_DOCS


# Folders whose every test is slow (an agent run checks a twin several times; an oracle runs a whole suite in
# a subprocess): left out of the fast loop, `pytest -m "not slow"`, and always run by .ci/run.
_SLOW_FOLDERS = ("agent", "e2e", "oracle")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    root = Path(__file__).resolve().parent
    for item in items:
        parts = Path(str(item.fspath)).resolve().relative_to(root).parts
        if parts and parts[0] in _SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)
