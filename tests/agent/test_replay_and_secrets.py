"""Replay of a recorded run (no network, same end state) and secrets that never reach the store."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path

import httpx2
import pytest
import respx

from twingen.agent.budget import Budget
from twingen.agent.iterate import IterateOptions, Iteration
from twingen.agent.model.fake import reply_body, text, tool_use
from twingen.agent.model.replay import ReplayModel
from twingen.agent.scrub import Scrubber
from twingen.agent.store import TranscriptStore, import_bundle, write_bundle

from .messages_api import TEST_KEY, client, mock_api
from .scripts import fixing_session
from .tiny import METHODS, MODULE, make_twin

pytestmark = pytest.mark.network_loopback

ENV_SECRET = "pw-Zq81nV7rTy5UuXc"
SLACK_TOKEN = "xoxb-1111-2222-ZZZZsecretZZZZ"


def _record(twin: Path, store: TranscriptStore, router: respx.MockRouter) -> str:
    summary = Iteration(IterateOptions(twin, "slack_sdk", patterns=METHODS), client(router), store, Budget()).run()
    assert summary.score_after == 1.0
    return summary.run_id


def test_replay_makes_no_network_call_and_ends_in_the_same_state(tmp_path: Path, store: TranscriptStore,
                                                                 router: respx.MockRouter) -> None:  # fmt: skip
    recorded_twin = make_twin(tmp_path / "recorded")
    mock_api(router, fixing_session())
    run_id = _record(recorded_twin, store, router)
    router.stop()
    # the bundle goes to another store, and the replay runs on a fresh copy of the twin
    bundle = write_bundle(store, run_id, tmp_path / "run.json")
    other = TranscriptStore(tmp_path / "other.sqlite")
    assert import_bundle(other, bundle) == run_id
    fresh_twin = make_twin(tmp_path / "fresh")
    assert (fresh_twin / MODULE).read_bytes() != (recorded_twin / MODULE).read_bytes()
    replay_network = _replay(fresh_twin, other, run_id)
    assert replay_network == []
    assert (fresh_twin / MODULE).read_bytes() == (recorded_twin / MODULE).read_bytes()
    other.close()


def _replay(twin: Path, store: TranscriptStore, run_id: str) -> list[str]:
    attempts: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(httpx2.HTTPTransport, "handle_request", lambda _s, r: attempts.append(str(r.url)))
        with respx.mock(assert_all_called=False) as router:
            replay = ReplayModel(store, run_id)
            options = IterateOptions(twin, "slack_sdk", patterns=METHODS)
            summary = Iteration(options, replay, store, Budget(), replay=replay, replay_of=run_id).run()
            assert router.calls.call_count == 0
    assert summary.stop_reason == "target reached" and summary.fixed == ["chat_postMessage"]
    assert replay.position == 5  # every recorded reply was used, none was missing
    replayed = [store.payload(t) for t in store.turns(summary.run_id) if t.kind == "tool"]
    assert [t["replayed"] for t in replayed] == [False, True, False, False, True]  # run_check came from the record
    return attempts


def test_secrets_in_the_environment_and_in_tool_output_never_reach_the_store(
    tmp_path: Path, twin: Path, router: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ACME_SERVICE_PASSWORD", ENV_SECRET)
    monkeypatch.setenv("ANTHROPIC_API_KEY", TEST_KEY)
    leaky = twin / "twin_tiny" / "behaviour" / "leaky.py"
    leaky.write_text(
        f'TOKEN = "{SLACK_TOKEN}"\nPASSWORD = "{ENV_SECRET}"\nHEADER = "Authorization: Bearer abcdef123456789"\n'
    )
    steps = [
        reply_body(tool_use("toolu_31", "read_file", path="twin_tiny/behaviour/leaky.py"),
                   tool_use("toolu_32", "grep", pattern="xoxb"), input_tokens=10),
        reply_body(text(f"I saw {SLACK_TOKEN} and the key {TEST_KEY}"), input_tokens=10),
    ]  # fmt: skip
    api = mock_api(router, steps)
    store = TranscriptStore(tmp_path / "secrets.sqlite", Scrubber())
    Iteration(IterateOptions(twin, "slack_sdk", patterns=METHODS), client(router), store, Budget()).run()
    store.close()
    data = b"".join(p.read_bytes() for p in tmp_path.glob("secrets.sqlite*"))
    assert b"REDACTED" in data
    for secret in (ENV_SECRET, SLACK_TOKEN, TEST_KEY, "abcdef123456789"):
        assert secret.encode() not in data
    # the model was not shown them either
    assert ENV_SECRET not in str(api.bodies[1]) and SLACK_TOKEN not in str(api.bodies[1])
    # the run was recorded (the absence above is not an empty store)
    assert sqlite3.connect(tmp_path / "secrets.sqlite").execute("SELECT count(*) FROM turns").fetchone()[0] > 0


def test_tool_subprocesses_get_no_secret_variables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from twingen.agent.tools.process import run

    monkeypatch.setenv("ACME_SERVICE_PASSWORD", ENV_SECRET)
    monkeypatch.setenv("ANTHROPIC_API_KEY", TEST_KEY)
    monkeypatch.setenv("SLACK_BOT_TOKEN", SLACK_TOKEN)
    done = run(["env"], cwd=tmp_path, timeout=10)
    assert "PATH=" in done.stdout
    for name in ("ACME_SERVICE_PASSWORD", "ANTHROPIC_API_KEY", "SLACK_BOT_TOKEN"):
        assert name not in done.stdout


def test_a_tool_subprocess_is_killed_with_its_group_at_the_timeout(tmp_path: Path) -> None:
    from twingen.agent.tools.process import Finished, run

    # found by its command line: in a pid namespace the child's own idea of its pid means nothing out here
    nap, marker = f"30.{os.getpid()}", tmp_path / "marker"
    done: list[Finished] = []
    running = threading.Thread(target=lambda: done.append(
        run(["sh", "-c", f"sleep {nap} & echo started > {marker}; wait"], cwd=tmp_path, timeout=20)))  # fmt: skip
    running.start()
    # the sandbox starts in well under a second, but a loaded 2-core machine took over 8 s: wait for the marker
    # well inside the timeout, so the child is found before it is killed
    deadline = time.monotonic() + 18
    while not marker.is_file() and time.monotonic() < deadline:
        time.sleep(0.05)
    sleepers = _pids_running(["sleep", nap])
    running.join()
    assert done[0].timed_out and sleepers
    assert all(_gone(pid) for pid in sleepers)


def _pids_running(argv: list[str]) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "cmdline").read_bytes().split(b"\0")[:-1] == [a.encode() for a in argv]:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _gone(pid: int) -> bool:
    """No such process, or only a zombie waiting for its new parent to reap it."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state == "Z":
            return True
        time.sleep(0.05)
    return False
