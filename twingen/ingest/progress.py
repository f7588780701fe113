"""A one-line progress note for long steps, shown only to a person at a terminal.

CI logs and pipes stay clean: nothing is written unless stderr is a TTY and ``CI`` is unset or false.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

# Below this size a load takes well under a second and a note would only flicker.
LARGE_FILE_BYTES = 2_000_000


def interactive(stream: TextIO | None = None) -> bool:
    """True when progress may be shown on ``stream`` (stderr by default)."""
    stream = stream if stream is not None else sys.stderr
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def progress(label: str, size: int = LARGE_FILE_BYTES, stream: TextIO | None = None) -> Iterator[None]:
    """Show ``label…`` while the block runs and how long it took after, for large inputs on a terminal."""
    out = stream if stream is not None else sys.stderr
    if size < LARGE_FILE_BYTES or not interactive(out):
        yield
        return
    start = time.perf_counter()
    out.write(f"{label} ({size / 1e6:.1f} MB)…")
    out.flush()
    try:
        yield
    finally:
        out.write(f" {time.perf_counter() - start:.1f} s\n")
        out.flush()
