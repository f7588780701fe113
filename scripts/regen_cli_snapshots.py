"""Rewrite the CLI output snapshots in tests/cli/snapshots (review the diff before committing)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.cli.snapshots import CASES, SNAPSHOTS, render


def main() -> None:
    SNAPSHOTS.mkdir(exist_ok=True)
    for case in sorted(CASES):
        with tempfile.TemporaryDirectory() as tmp:
            (SNAPSHOTS / f"{case}.txt").write_text(render(case, Path(tmp) / "twin"))
        print(f"{case}: written")


if __name__ == "__main__":
    main()
