"""The model's grep, in a process of its own so that a regular expression that backtracks for ever is killed.

Run as ``python -I -S grep_worker.py`` by ``files.grep`` with a timeout. Reads one JSON request on stdin
(``pattern``, ``files`` as ``[shown name, real path]`` pairs the workspace already confined, and the
``max_matches`` / ``max_chars`` caps) and writes ``{"hits": [...], "stopped": reason or ""}`` on stdout.
Standard library only: nothing from the twin or ``PYTHONPATH`` is imported.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

MAX_LINE = 300


def search(request: dict[str, Any]) -> dict[str, Any]:
    regex = re.compile(request["pattern"])
    max_matches, max_chars = int(request["max_matches"]), int(request["max_chars"])
    hits: list[str] = []
    size = 0
    for shown, real in request["files"]:
        try:
            with open(real, encoding="utf-8", errors="replace") as file:
                text = file.read()
        except OSError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if regex.search(line):
                hit = f"{shown}:{number}: {line[:MAX_LINE]}"
                if size + len(hit) + 1 > max_chars:
                    return {"hits": hits, "stopped": f"{max_chars} characters"}
                hits.append(hit)
                size += len(hit) + 1
                if len(hits) >= max_matches:
                    return {"hits": hits, "stopped": f"{max_matches} matches"}
    return {"hits": hits, "stopped": ""}


if __name__ == "__main__":
    json.dump(search(json.load(sys.stdin)), sys.stdout)
