"""The twin runs as a subprocess in its own process group and nothing outlives the check."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest

from twingen.check import CheckOptions, engine, run_check
from twingen.check.runner import RunningTwin, serve, twin_package

pytestmark = pytest.mark.network_loopback


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_serve_stops_the_twin_and_removes_its_log(tiny_twin: Path) -> None:
    with serve(tiny_twin) as twin:
        assert twin.http.get("/_twin/health").json() == {"status": "ok"}
        assert twin.sources["bots.info"] == "stub"
        pid = twin.pid
        assert not _gone(pid) and os.getpgid(pid) == pid  # a process group of its own
    assert _gone(pid)


def test_a_whole_check_leaves_no_process_behind(tiny_twin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []

    @contextmanager
    def recording(twin_dir: Path, **kwargs: Any) -> Iterator[RunningTwin]:
        with serve(twin_dir, **kwargs) as twin:
            seen.append(twin.pid)
            yield twin

    def wrapped(twin_dir: Path, **kwargs: Any) -> AbstractContextManager[RunningTwin]:
        return recording(twin_dir, **kwargs)

    monkeypatch.setattr(engine, "serve", wrapped)
    run_check(CheckOptions(tiny_twin, "slack_sdk", ("auth_test",)))
    assert len(seen) == 1 and _gone(seen[0])


def test_the_twin_package_is_found(tiny_twin: Path, tmp_path: Path) -> None:
    assert twin_package(tiny_twin) == "twin_tiny"
    with pytest.raises(FileNotFoundError):
        twin_package(tmp_path)
