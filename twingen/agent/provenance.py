"""A run's provenance: the twin (and the doc and SDK versions and hashes it was made from), the model,
the price table, twingen's version and git revision, and the options the run was started with."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import twingen
from twingen.agent.pricing import PRICE_TABLE_VERSION

REPO = Path(__file__).resolve().parents[2]


def git_revision(folder: Path = REPO) -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return done.stdout.strip() or "unknown"


def twin_inputs(twin_dir: Path) -> dict[str, Any]:
    """The manifest's record of what the twin was generated from (each document's format, version, sha256)."""
    manifest = twin_dir / "twin-manifest.json"
    if not manifest.is_file():
        return {"manifest": None}
    data = json.loads(manifest.read_text(encoding="utf-8"))
    keep = ("format", "given", "role", "sha256", "version")
    documents = [{k: d.get(k) for k in keep} for d in data.get("documents") or ()]
    return {"manifest": "twin-manifest.json", "twingen_version": data.get("twingen_version"), "documents": documents}


def provenance(twin_dir: Path, model: str, options: dict[str, Any]) -> dict[str, Any]:
    return {
        "twin": twin_dir.name,
        "twin_inputs": twin_inputs(twin_dir),
        "model": model,
        "price_table": PRICE_TABLE_VERSION,
        "twingen_version": twingen.__version__,
        "git_revision": git_revision(),
        "options": options,
    }
