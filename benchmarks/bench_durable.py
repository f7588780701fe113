"""Durable state and per-request cost (issue 22), measured side by side in one run and printed as ratios.

    python benchmarks/bench_durable.py [--seconds 4] [--rounds 3] [--big 1000000]

- writes: ``chat.postMessage`` on the Slack twin with ``--state`` (the default ``synchronous=FULL``: every
  answer waits for the fsync that covers its write) and with ``--state-sync normal``, against the same twin in
  memory (wrk, 16 connections, interleaved rounds, medians). Target: FULL >= 0.6x memory;
- reopen: a state file of 100,000 and of ``--big`` Slack messages, from process start to the first answer of
  ``serve --state FILE``, and the RSS then, against the same twin built live in memory with as many messages
  (and a twin with no state file, for the start-up every twin pays). Targets: < 2 s at 1M; RSS <= 1.5x live;
- per request: Google ``files.get`` against Slack ``auth.test`` and a bare Starlette endpoint. Target: Google's
  cost per request <= 1.3x Slack's.

Run by hand (never by the tests); needs ``wrk``. The twins are generated into a temp folder from
``../shared/api_docs`` with the committed behaviour, as bench_runtime.py does.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_runtime import BARE_APP, POST_LUA, REPO, Proc, Run, free_port, setup_twin, start_twin, wrk

GOOGLE_BEHAVIOUR = REPO / "generated" / "google" / "twin_google" / "behaviour"

BUILD_STATE = """
import sys, time
sys.path.insert(0, sys.argv[1])
from twin_slack.runtime import load_app
from twin_slack.runtime.serving.bridge import AppRunner, plain_scope

app = load_app("twin_slack")
app.twin.keep_state(sys.argv[2], synchronous="NORMAL")
twin = app.twin
token = next(c.token for c in twin.credentials if c.token.startswith("xoxb-"))
channel = next(r["id"] for r in twin.state.collection("channels").values() if r.get("name") == "general")
runner = AppRunner(app)
head = [(b"authorization", f"Bearer {token}".encode()), (b"content-type", b"application/x-www-form-urlencoded")]
runner.call(plain_scope("POST", "/api/chat.postMessage", head), f"channel={channel}&text=preloaded".encode())
runner.close()
messages = twin.state.collection("messages")
template = next(r for r in messages.values() if r.get("text") == "preloaded")
count = int(sys.argv[3])
for n in range(count - 1):
    ts = f"{1500000000 + n}.000100"
    messages.put(f"{channel}/{ts}", {**template, "ts": ts})
    if n % 50_000 == 0:
        twin.tenants.commit()
twin.tenants.commit()
print("BUILT", len(messages), flush=True)
"""

CREATE_FILE = {"name": "bench.txt", "mimeType": "text/plain"}


def _credentials(base: str) -> list[dict[str, str]]:
    with urllib_open(base + "/_twin/credentials") as answer:
        return json.loads(answer.read())["credentials"]


def urllib_open(url: str, data: bytes | None = None, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    import urllib.request

    from bench_runtime import NO_PROXY

    return NO_PROXY.open(urllib.request.Request(url, data=data, headers=headers or {}), timeout=30)


def serve(name: str, twin_dir: Path, package: str, work: Path, *extra: str, timeout: float = 900) -> Proc:
    port = free_port()
    cmd = [sys.executable, "-m", package, "serve", "--port", str(port), *extra]
    return Proc(name, cmd, port, "/_twin/health", twin_dir, timeout)


def slack_post_script(work: Path, base: str, name: str) -> Path:
    token = next(c["token"] for c in _credentials(base) if c["token"].startswith("xoxb-"))
    with urllib_open(f"{base}/api/conversations.list", headers={"Authorization": f"Bearer {token}"}) as answer:
        channel = next(c["id"] for c in json.loads(answer.read())["channels"] if c["name"] == "general")
    script = work / f"post_{name}.lua"
    script.write_text(POST_LUA.replace("{channel}", channel).replace("{token}", token))
    return script


def setup_google(work: Path) -> Path:
    out = work / "google"
    cmd = ["twingen", "new", "google", "--docs", "googleapiclient:drive.v3", "--out", str(out)]
    subprocess.run(cmd, check=True, cwd=REPO, capture_output=True)
    target = out / "twin_google" / "behaviour"
    shutil.rmtree(target)
    shutil.copytree(GOOGLE_BEHAVIOUR, target, ignore=shutil.ignore_patterns("__pycache__"))
    return out


def google_file(base: str) -> tuple[str, str]:
    token = next(c["token"] for c in _credentials(base) if c["name"] == "owner")
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    with urllib_open(base + "/drive/v3/files", json.dumps(CREATE_FILE).encode(), headers) as answer:
        return token, json.loads(answer.read())["id"]


def build_state(work: Path, twin_dir: Path, path: Path, messages: int) -> None:
    (work / "build_state.py").write_text(BUILD_STATE)
    cmd = [sys.executable, str(work / "build_state.py"), str(twin_dir), str(path), str(messages)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=3600)


def reopen(name: str, twin_dir: Path, work: Path, path: Path, runs: int = 3) -> tuple[float, float]:
    """Median seconds to the first answer of ``serve --state path``, and the RSS (MB) of the last start."""
    times, rss = [], 0.0
    for _ in range(runs):
        proc = serve(name, twin_dir, "twin_slack", work, "--state", str(path))
        times.append(proc.startup)
        rss = proc.rss_mb()
        proc.stop()
    return statistics.median(times), rss


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--seconds", type=float, default=4)
    args.add_argument("--rounds", type=int, default=3)
    args.add_argument("--big", type=int, default=1_000_000)
    opts = args.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_durable_"))
    procs: list[Proc] = []
    rows: list[tuple[str, float, float, str, Callable[[float], bool]]] = []
    try:
        slack_dir = setup_twin(work)
        google_dir = setup_google(work)
        (work / "bare.py").write_text(BARE_APP)
        bare_port = free_port()
        bare_cmd = [
            sys.executable,
            "-m",
            "uvicorn",
            "bare:app",
            "--port",
            str(bare_port),
            "--workers",
            "1",
            "--log-level",
            "warning",
            "--no-access-log",
        ]
        procs.append(bare := Proc("bare", bare_cmd, bare_port, "/api/auth.test", work))
        procs.append(memory := serve("memory", slack_dir, "twin_slack", work))
        procs.append(full := serve("full", slack_dir, "twin_slack", work, "--state", str(work / "full.db")))
        procs.append(
            normal := serve(
                "normal", slack_dir, "twin_slack", work, "--state", str(work / "normal.db"), "--state-sync", "normal"
            )
        )
        procs.append(google := serve("google", google_dir, "twin_google", work))
        slack_token = next(c["token"] for c in _credentials(memory.base) if c["token"].startswith("xoxb-"))
        google_token, file_id = google_file(google.base)
        scripts = {p.name: slack_post_script(work, p.base, p.name) for p in (memory, full, normal)}
        runs: dict[str, Callable[[], Run]] = {
            "post, memory": lambda: wrk(memory.base + "/api/chat.postMessage", opts.seconds, scripts["memory"]),
            "post, --state FULL": lambda: wrk(full.base + "/api/chat.postMessage", opts.seconds, scripts["full"]),
            "post, --state normal": lambda: wrk(normal.base + "/api/chat.postMessage", opts.seconds, scripts["normal"]),
            "bare": lambda: wrk(bare.base + "/api/auth.test", opts.seconds),
            "slack auth.test": lambda: wrk(
                memory.base + "/api/auth.test", opts.seconds, None, f"Authorization: Bearer {slack_token}"
            ),
            "google files.get": lambda: wrk(
                f"{google.base}/drive/v3/files/{file_id}", opts.seconds, None, f"Authorization: Bearer {google_token}"
            ),
        }
        results: dict[str, list[Run]] = {name: [] for name in runs}
        for round_no in range(opts.rounds):
            for name, run in runs.items():
                results[name].append(run())
            print(f"round {round_no + 1}/{opts.rounds} done", file=sys.stderr)
        for proc in procs:
            proc.stop()
        procs.clear()
        rps = {name: statistics.median(r[0] for r in rows_) for name, rows_ in results.items()}
        p99 = {name: statistics.median(r[1] for r in rows_) for name, rows_ in results.items()}
        bad = {name: sum(r[2] for r in rows_) for name, rows_ in results.items()}
        rows.append(
            (
                "post --state FULL vs memory (req/s)",
                rps["post, --state FULL"],
                rps["post, memory"],
                ">= 0.6x",
                lambda r: r >= 0.6,
            )
        )
        rows.append(
            (
                "post --state normal vs memory (req/s)",
                rps["post, --state normal"],
                rps["post, memory"],
                "(info)",
                lambda r: True,
            )
        )
        cost = {name: 1 / value for name, value in rps.items()}
        rows.append(
            (
                "files.get vs auth.test (cost/req)",
                cost["google files.get"],
                cost["slack auth.test"],
                "<= 1.3x",
                lambda r: r <= 1.3,
            )
        )
        rows.append(("auth.test vs bare (cost/req)", cost["slack auth.test"], cost["bare"], "(info)", lambda r: True))
        rows.append(("files.get vs bare (cost/req)", cost["google files.get"], cost["bare"], "(info)", lambda r: True))
        # reopening: state files built once, then started three times each
        empty_start, _ = reopen("no state", slack_dir, work, work / "empty.db")
        for count in (100_000, opts.big):
            path = work / f"state_{count}.db"
            build_state(work, slack_dir, path, count)
            seconds, rss = reopen(f"reopen {count}", slack_dir, work, path)
            live, _, _ = start_twin(work, slack_dir, count)
            live_rss = live.rss_mb()
            live.stop()
            rows.append(
                (
                    f"reopen @{count:,} (s; anchor: empty file)",
                    seconds,
                    empty_start,
                    "< 2 s" if count >= 1_000_000 else "(info)",
                    (lambda s=seconds: s < 2.0) if count >= 1_000_000 else (lambda r: True),
                )
            )
            rows.append((f"RSS after reopen @{count:,} vs live (MB)", rss, live_rss, "<= 1.5x", lambda r: r <= 1.5))
        print(f"\n{'measure':44} {'value':>10} {'anchor':>10} {'ratio':>7}  target    ok")
        for name, value, anchor, target, ok in rows:
            ratio = value / anchor if anchor else float("inf")
            good = ok(ratio) if "s;" not in name else ok(value)
            print(f"{name:44} {value:10.4g} {anchor:10.4g} {ratio:6.2f}x  {target:8}  {'yes' if good else 'NO'}")
        print("\nwrk medians (req/s, p99 ms, non-2xx):")
        for name in runs:
            print(f"  {name:24} {rps[name]:10.0f} {p99[name]:8.2f} {bad[name]:6d}")
    finally:
        for proc in procs:
            proc.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
