"""The CLI's whole output for broken inputs, compared with reviewed snapshots (error wording is reviewed like code).

Snapshots are rewritten only by ``python scripts/regen_cli_snapshots.py``, never by a test.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from twingen.cli import cli

BROKEN = Path(__file__).resolve().parent / "broken"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"

# name -> the --docs argument, relative to tests/cli/broken
CASES = {
    "broken_spec": "broken.yaml",
    "unparseable_yaml": "bad_yaml.yaml",
    "missing_file": "missing.yaml",
    "unknown_package": "nosuchpkg:doc",
    "folder_with_events_and_prose": "mixed",
}


def render(case: str, out: Path) -> str:
    """Exit code, stdout and stderr of ``twingen new`` on the case, with the temporary folder masked."""
    import os

    cwd = Path.cwd()
    os.chdir(BROKEN)
    try:
        result = CliRunner().invoke(cli, ["new", "x", "--docs", CASES[case], "--out", str(out)])
    finally:
        os.chdir(cwd)
    text = f"exit {result.exit_code}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
    return text.replace(str(out), "OUT")
