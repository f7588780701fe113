"""Read-only tools over the workspace: list files, read a file, grep."""

from __future__ import annotations

import re

from twingen.agent.tools.workspace import ToolError, Workspace

MAX_LIST = 400
MAX_MATCHES = 200


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
    try:
        regex = re.compile(pattern)
    except re.error as exc:
        raise ToolError(f"bad regular expression: {exc}") from None
    start = workspace.resolve(path)
    files = [start] if start.is_file() else list(workspace.walk(start))
    hits: list[str] = []
    for file in files:
        if file.suffix not in (".py", ".md", ".json", ".toml", ".txt", ".html", ".yaml", ".yml"):
            continue
        for number, line in enumerate(file.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if regex.search(line):
                hits.append(f"{workspace.relative(file)}:{number}: {line[:300]}")
                if len(hits) >= MAX_MATCHES:
                    return "\n".join(hits) + f"\n[... stopped at {MAX_MATCHES} matches]"
    return "\n".join(hits) or "no matches"
