"""Fixtures for generator tests."""

from __future__ import annotations

from .runtime_snapshot import runtime_snapshot

__all__ = ["runtime_snapshot"]
