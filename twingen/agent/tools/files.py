"""Read-only tools over the workspace: list files, read a file, grep (in a subprocess with a time budget)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from twingen.agent.scrub import clean_environment
from twingen.agent.tools.workspace import ToolError, Workspace

MAX_LIST = 400
MAX_MATCHES = 200
MAX_GREP_CHARS = 20_000
"""All of grep's answer: 200 matches of long lines would be 60,000 characters, most of a conversation."""
GREP_SECONDS = 5.0
"""The time budget of one grep (searching a whole twin takes well under a second)."""
GREP_WORKER = Path(__file__).with_name("grep_worker.py")
SEARCHED = (".py", ".md", ".json", ".toml", ".txt", ".html", ".yaml", ".yml")


def list_files(workspace: Workspace, path: str = ".") -> str:
    start = workspace.resolve(path)
    if not start.is_dir():
        raise ToolError(f"{path}: not a folder")
    names = [workspace.relative(p) for p in workspace.walk(start) if "models" not in p.relative_to(start).parts[:-1]]
    more = f"\n[... {len(names) - MAX_LIST} more]" if len(names) > MAX_LIST else ""
    return "\n".join(names[:MAX_LIST]) + more


def read_file(workspace: Workspace, path: str, start_line: int = 1, end_line: int = 0) -> str:
    target = workspace.resolve(path)
    if not target.is_file():
        raise ToolError(f"{path}: no such file")
    lines = target.read_text(encoding="utf-8", errors="replace").splitlines()
    last = len(lines) if end_line <= 0 else min(end_line, len(lines))
    first = max(start_line, 1)
    return "\n".join(f"{n:5d}  {lines[n - 1]}" for n in range(first, last + 1))


def grep(workspace: Workspace, pattern: str, path: str = ".") -> str:
    """Lines of the twin's text files matching ``pattern``, searched in a subprocess with a time budget."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ToolError(f"bad regular expression: {exc}") from None
    start = workspace.resolve(path)
    files = [start] if start.is_file() else list(workspace.walk(start))
    chosen = [(workspace.relative(f), str(f)) for f in files if f.suffix in SEARCHED]
    request = {"pattern": pattern, "files": chosen, "max_matches": MAX_MATCHES, "max_chars": MAX_GREP_CHARS}
    argv = [sys.executable, "-I", "-S", str(GREP_WORKER)]
    try:
        done = subprocess.run(argv, input=json.dumps(request), capture_output=True, text=True, timeout=GREP_SECONDS,
                              env=clean_environment(), check=False)  # fmt: skip
    except subprocess.TimeoutExpired:
        raise ToolError(
            f"grep stopped: the regular expression ran over {GREP_SECONDS:g} s (nested repeats such as (a+)+ "
            "backtrack without end); use a simpler pattern"
        ) from None
    if done.returncode != 0:
        raise ToolError("grep failed: " + "".join(done.stderr.strip().splitlines()[-1:]))
    answer = json.loads(done.stdout)
    hits: list[str] = answer["hits"]
    more = f"\n[... stopped at {answer['stopped']}]" if answer["stopped"] else ""
    return "\n".join(hits) + more if hits else "no matches"
