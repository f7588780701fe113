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
