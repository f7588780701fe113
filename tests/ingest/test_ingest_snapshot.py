"""The diagnostics for a deliberately broken spec, compared with a reviewed snapshot.

Wording is reviewed like code. After an intended change, regenerate the snapshot explicitly and review
the diff: ``python tests/ingest/test_ingest_snapshot.py --update``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from twingen.ingest.pipeline import load_documents

SPECS = Path(__file__).parent / "specs"
SNAPSHOT = SPECS / "broken" / "broken.diagnostics.txt"


def rendered() -> str:
    """The diagnostic lines for ``broken/broken.yaml``, as the CLI would print them."""
    _, diags = load_documents(["broken/broken.yaml"], base_dir=SPECS)
    return "".join(f"{d}\n" for d in diags)


def test_broken_spec_diagnostics_match_the_snapshot() -> None:
    assert rendered() == SNAPSHOT.read_text(encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/ingest/test_ingest_snapshot.py --update")
    SNAPSHOT.write_text(rendered(), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
