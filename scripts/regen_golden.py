"""Rewrite the golden records in tests/golden/ from tests/golden/specs (never run by tests).

    python scripts/regen_golden.py [CASE ...]

Review the diff before committing: a changed record is a changed generator output.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from generate.golden import CASES, DIAGNOSTICS, RECORDS, diagnostics_text, generate_case, recorded_files


def main(argv: list[str]) -> int:
    cases = argv or sorted(CASES)
    unknown = sorted(set(cases) - set(CASES))
    if unknown:
        print(f"unknown case(s): {', '.join(unknown)}; known: {', '.join(sorted(CASES))}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for name in cases:
            twin, diags = generate_case(name, Path(tmp))
            target = RECORDS / name
            shutil.rmtree(target, ignore_errors=True)
            for rel, content in recorded_files(twin).items():
                (target / rel).parent.mkdir(parents=True, exist_ok=True)
                (target / rel).write_bytes(content)
            DIAGNOSTICS.mkdir(parents=True, exist_ok=True)
            (DIAGNOSTICS / f"{name}.txt").write_text(diagnostics_text(diags), encoding="utf-8")
            print(f"{name}: {len(recorded_files(twin))} files, {len(diags)} diagnostics")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
