"""The transcript store: SQLite, content-addressed payloads, immutable turns forming a tree of runs."""

from __future__ import annotations

from twingen.agent.store.bundle import BundleError, export_run, import_bundle, write_bundle
from twingen.agent.store.transcripts import DEFAULT_PATH, RunInfo, TranscriptStore, Turn, Usage, canonical

__all__ = [
    "DEFAULT_PATH",
    "BundleError",
    "RunInfo",
    "TranscriptStore",
    "Turn",
    "Usage",
    "canonical",
    "export_run",
    "import_bundle",
    "write_bundle",
]
