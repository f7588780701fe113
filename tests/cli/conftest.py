"""Fixtures for CLI tests."""

from __future__ import annotations

from generate.runtime_snapshot import runtime_snapshot

__all__ = ["runtime_snapshot"]
