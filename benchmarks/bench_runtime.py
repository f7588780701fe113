"""Runtime benchmark for issue 6: the Slack twin against a bare Starlette endpoint and Stoplight Prism.

    python benchmarks/bench_runtime.py [--seconds 5] [--rounds 3] [--big 1000000]

Run by hand (never by the tests). It sets up its anchors itself in a temp folder: a bare Starlette JSON
endpoint on uvicorn (1 worker), Prism from npm on the Slack spec, and the Slack twin generated with
``twingen new`` plus the behaviour modules of ``generated/slack/twin_slack/behaviour`` when present.
Needs ``wrk`` (``apt-get install -y wrk``) and ``npm``. Every target is measured with wrk at 16
connections; rounds are interleaved (each round runs every target once) and the table shows medians.
One more row serves the same twin on uvicorn's own HTTP protocol instead of ``runtime/protocol.py``,
to show in the same run what the twin's protocol is for.

RSS "after load" is read from a fresh twin after a load of known size (100,000 auth.test calls, then
100,000 chat.postMessage calls), not after the timed rounds: every message stays stored, as in Slack, so
after a fixed number of seconds a faster twin holds more of them and would look heavier for being fast.
The RSS after the timed rounds, the messages stored by then, and what one stored message costs (the
1M-message twin against the 1k one) are printed beside it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SLACK_DOCS = REPO.parent / "shared" / "api_docs" / "slack"
BEHAVIOUR = REPO / "generated" / "slack" / "twin_slack" / "behaviour"
CONNECTIONS = 16
LOAD = 100_000
"""auth.test calls, then chat.postMessage calls, before the RSS target is read."""
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))

BARE_APP = """
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

async def auth_test(request):
    return JSONResponse({"ok": True, "url": "https://twin.slack.com/", "team": "T", "user": "bot", "user_id": "U1"})

app = Starlette(routes=[Route("/api/auth.test", auth_test, methods=["GET", "POST"])])
"""

# serves the twin after loading N messages straight into its state: 1M HTTP calls would take hours
LAUNCH_TWIN = """
import sys
sys.path.insert(0, sys.argv[1])
from twin_slack.runtime import load_app
from twin_slack.runtime.serving.bridge import AppRunner, plain_scope
from twin_slack.runtime.server import server

app = load_app("twin_slack")
twin = app.twin
token = next(c.token for c in twin.credentials if c.token.startswith("xoxb-"))
channel = next(r["id"] for r in twin.state.collection("channels").values() if r.get("name") == "general")
print(f"TOKEN {token} CHANNEL {channel}", flush=True)
count = int(sys.argv[3])
if count:
    runner = AppRunner(app)
    head = [(b"authorization", f"Bearer {token}".encode()), (b"content-type", b"application/x-www-form-urlencoded")]
    body = f"channel={channel}&text=preloaded".encode()
    status, _, answer = runner.call(plain_scope("POST", "/api/chat.postMessage", head), body)
    runner.close()
    messages = twin.state.collection("messages")
    template = next(r for r in messages.values() if r.get("text") == "preloaded")
    for n in range(count - 1):
        ts = f"{1500000000 + n}.000100"  # older than anything posted during the run
        messages.put(f"{channel}/{ts}", {**template, "ts": ts})
    print(f"LOADED {len(messages)}", flush=True)
if sys.argv[4:] == ["uvicorn"]:  # the same app on uvicorn's own HTTP protocol, to show what protocol.py buys
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
else:
    server(app, "127.0.0.1", int(sys.argv[2])).run()  # what ``python -m twin_slack serve`` runs
"""

POST_LUA = """
wrk.method = "POST"
wrk.body = "channel={channel}&text=hello%20from%20wrk"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Bearer {token}"
"""


class Proc:
    """A server process on a port, started and health-checked; stopped at the end of the run."""

    def __init__(self, name: str, cmd: list[str], port: int, health: str, cwd: Path, timeout: float = 120) -> None:
        self.name, self.port, self.base = name, port, f"http://127.0.0.1:{port}"
        started = time.perf_counter()
        self.popen = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: list[str] = []
        deadline = started + timeout
        while not _answers(self.base + health):
            if self.popen.poll() is not None or time.perf_counter() > deadline:
                out = self.popen.stdout.read() if self.popen.stdout else ""
                raise RuntimeError(f"{name} did not start: {out[-2000:]}")
            time.sleep(0.01)
        self.startup = time.perf_counter() - started

    def read_line(self, prefix: str) -> str:
        assert self.popen.stdout is not None
        for line in self.popen.stdout:
            if line.startswith(prefix):
                return line.strip()
        raise RuntimeError(f"{self.name}: no {prefix} line")

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.popen.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]

    def stop(self) -> None:
        self.popen.terminate()
        try:
            self.popen.wait(10)
        except subprocess.TimeoutExpired:
            self.popen.kill()


def _answers(url: str) -> bool:
    try:
        with NO_PROXY.open(url, timeout=1) as answer:
            return answer.status < 500
    except urllib.error.HTTPError as error:
        return error.code < 500
    except OSError:
        return False


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


Run = tuple[float, float, int, int]
"""requests/s, p99 ms, non-2xx answers, answers in all"""


def wrk(url: str, seconds: float, script: Path | None = None, *headers: str) -> Run:
    """(requests/s, p99 ms, non-2xx answers, answers in all) of one wrk run at 16 connections."""
    cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{max(1, round(seconds))}s", "--latency"]
    if script:
        cmd += ["-s", str(script)]
    for header in headers:
        cmd += ["-H", header]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    return rps, p99, int(bad.group(1)) if bad else 0, total


STOP_AFTER_LUA = """
local answered = 0
function response(status, headers, body)
  answered = answered + 1
  if answered >= {per_thread} then wrk.thread:stop() end
end
"""


def fixed_load(url: str, count: int, work: Path, script: str = "", *headers: str) -> int:
    """Send ``count`` requests with wrk at 16 connections; returns how many were answered.

    wrk runs for a duration, so it runs in 2 s slices, each told to stop after what is still missing
    (a stopped thread sends nothing more but waits out its slice).
    """
    answered = 0
    while answered < count:
        per_thread = -(-(count - answered) // 2)
        lua = work / "stop_after.lua"
        lua.write_text(script + STOP_AFTER_LUA.replace("{per_thread}", str(per_thread)))
        cmd = ["wrk", "-t2", f"-c{CONNECTIONS}", "-d2s", "-s", str(lua)]
        for header in headers:
            cmd += ["-H", header]
        out = subprocess.run([*cmd, url], capture_output=True, text=True, check=True).stdout
        answered += int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    return answered


def setup_twin(work: Path) -> Path:
    out = work / "slack"
    cmd = ["twingen", "new", "slack", "--docs", str(SLACK_DOCS), "--out", str(out)]
    subprocess.run(cmd, check=True, cwd=REPO, capture_output=True)  # its warnings are the generator's business
    if BEHAVIOUR.is_dir():
        target = out / "twin_slack" / "behaviour"
        shutil.rmtree(target)
        shutil.copytree(BEHAVIOUR, target, ignore=shutil.ignore_patterns("__pycache__"))
    (work / "launch_twin.py").write_text(LAUNCH_TWIN)
    return out


def start_twin(work: Path, twin_dir: Path, messages: int, protocol: str = "twin") -> tuple[Proc, str, str]:
    port = free_port()
    cmd = [sys.executable, str(work / "launch_twin.py"), str(twin_dir), str(port), str(messages)]
    cmd += ["uvicorn"] if protocol == "uvicorn" else []
    proc = Proc(f"twin@{messages}/{protocol}", cmd, port, "/_twin/health", work, timeout=900)
    # the process printed its credentials before serving; read them now it is up
    words = proc.read_line("TOKEN").split()
    return proc, words[1], words[3]


def setup_prism(work: Path) -> list[str]:
    prism_dir = work / "prism"
    subprocess.run(["npm", "install", "--silent", "--prefix", str(prism_dir), "@stoplight/prism-cli"], check=True)
    return [str(prism_dir / "node_modules" / ".bin" / "prism"), "mock", str(SLACK_DOCS / "slack_web_openapi_v2.json")]


def cold_start(twin_dir: Path, runs: int = 3) -> float:
    """Seconds from process start to the first answer of ``python -m twin_slack serve``."""
    times = []
    for _ in range(runs):
        port = free_port()
        cmd = [sys.executable, "-m", "twin_slack", "serve", "--port", str(port)]
        proc = Proc("cold", cmd, port, "/_twin/health", twin_dir, timeout=30)
        times.append(proc.startup)
        proc.stop()
    return statistics.median(times)


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--seconds", type=float, default=5)
    args.add_argument("--rounds", type=int, default=3)
    args.add_argument("--big", type=int, default=1_000_000, help="messages stored for the state-growth rows")
    opts = args.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_runtime_"))
    procs: list[Proc] = []
    try:
        twin_dir = setup_twin(work)
        prism_cmd = setup_prism(work)
        (work / "bare.py").write_text(BARE_APP)
        bare_port = free_port()
        bare_cmd = [sys.executable, "-m", "uvicorn", "bare:app", "--port", str(bare_port), "--workers", "1"]
        bare_cmd += ["--log-level", "warning", "--no-access-log"]
        procs.append(bare := Proc("bare", bare_cmd, bare_port, "/api/auth.test", work))
        prism_port = free_port()
        procs.append(prism := Proc("prism", [*prism_cmd, "-p", str(prism_port)], prism_port, "/", work, 180))
        twin, token, channel = start_twin(work, twin_dir, 0)
        small, _, small_channel = start_twin(work, twin_dir, 1_000)
        big, _, big_channel = start_twin(work, twin_dir, opts.big)
        on_uvicorn, _, uvicorn_channel = start_twin(work, twin_dir, 0, protocol="uvicorn")
        procs += [twin, small, big, on_uvicorn]
        auth = f"Authorization: Bearer {token}"
        # Prism validates the spec's required ``token`` header too: send it, so it answers 200 like the others
        prism_path = "/auth.test" if _answers(prism.base + "/auth.test") else "/api/auth.test"
        scripts = {}
        channels = {"twin": channel, "small": small_channel, "big": big_channel, "uvicorn": uvicorn_channel}
        for name, ch in channels.items():
            scripts[name] = work / f"post_{name}.lua"
            scripts[name].write_text(POST_LUA.replace("{channel}", ch).replace("{token}", token))
        history = "/api/conversations.history?limit=100&channel="
        runs: dict[str, Callable[[], Run]] = {
            "bare auth.test": lambda: wrk(bare.base + "/api/auth.test", opts.seconds),
            "prism auth.test": lambda: wrk(prism.base + prism_path, opts.seconds, None, auth, f"token: {token}"),
            "twin auth.test": lambda: wrk(twin.base + "/api/auth.test", opts.seconds, None, auth),
            "twin chat.postMessage": lambda: wrk(twin.base + "/api/chat.postMessage", opts.seconds, scripts["twin"]),
            "post, uvicorn protocol": lambda: wrk(
                on_uvicorn.base + "/api/chat.postMessage", opts.seconds, scripts["uvicorn"]
            ),
            "post @1k": lambda: wrk(small.base + "/api/chat.postMessage", opts.seconds, scripts["small"]),
            "post @big": lambda: wrk(big.base + "/api/chat.postMessage", opts.seconds, scripts["big"]),
            "history @1k": lambda: wrk(small.base + history + small_channel, opts.seconds, None, auth),
            "history @big": lambda: wrk(big.base + history + big_channel, opts.seconds, None, auth),
        }
        for proc, ch in ((small, small_channel), (big, big_channel)):  # warm-up: builds the history index
            _answers(f"{proc.base}{history}{ch}&token={token}")
        results: dict[str, list[Run]] = {name: [] for name in runs}
        for round_no in range(opts.rounds):
            for name, run in runs.items():
                results[name].append(run())
            print(f"round {round_no + 1}/{opts.rounds} done", file=sys.stderr)
        timed_rss = twin.rss_mb()
        # RSS "after load" under a load of known size: in the timed rounds a faster twin stores more messages
        fresh, fresh_token, fresh_channel = start_twin(work, twin_dir, 0)
        procs.append(fresh)
        post = POST_LUA.replace("{channel}", fresh_channel).replace("{token}", fresh_token)
        fixed_load(fresh.base + "/api/auth.test", LOAD, work, "", f"Authorization: Bearer {fresh_token}")
        fixed_load(fresh.base + "/api/chat.postMessage", LOAD, work, post)
        rss = fresh.rss_mb()
        # what one stored message costs, from two twins that differ only in how many they hold
        per_message = (big.rss_mb() - small.rss_mb()) * 1024 * 1024 / max(1, opts.big - 1_000)
        stored = sum(r[3] - r[2] for r in results["twin chat.postMessage"])
        cold = cold_start(twin_dir)
        report(results, rss, cold, opts.big, prism.rss_mb(), stored, per_message, timed_rss)
    finally:
        for proc in procs:
            proc.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0


def report(
    results: dict[str, list[Run]],
    rss: float,
    cold: float,
    big: int,
    prism_rss: float,
    stored: int,
    per_message: float,
    timed_rss: float,
) -> None:
    rps = {name: statistics.median(r[0] for r in rows) for name, rows in results.items()}
    p99 = {name: statistics.median(r[1] for r in rows) for name, rows in results.items()}
    bad = {name: sum(r[2] for r in rows) for name, rows in results.items()}
    print(f"\n{'measure':34} {'value':>12} {'anchor':>12} {'ratio':>8}  target   ok")
    ms = {name: 1000 / value for name, value in rps.items()}  # ms per request of one connection's share
    rows = [
        ("auth.test vs bare (req/s)", rps["twin auth.test"], rps["bare auth.test"], ">= 0.5x", 0.5, True),
        ("auth.test vs Prism (req/s)", rps["twin auth.test"], rps["prism auth.test"], ">= 10x", 10, True),
        ("chat.postMessage vs bare (req/s)", rps["twin chat.postMessage"], rps["bare auth.test"], ">= 0.3x", 0.3, True),
        (f"postMessage @{big:,} vs @1k (ms)", ms["post @big"], ms["post @1k"], "<= 1.5x", 1.5, False),
        (
            f"history page @{big:,} vs @1k (ms)",
            1000 / rps["history @big"],
            1000 / rps["history @1k"],
            "<= 1.5x",
            1.5,
            False,
        ),
    ]
    for label, value, anchor, target, bound, higher in rows:
        ratio = value / anchor
        ok = ratio >= bound if higher else ratio <= bound
        print(f"{label:34} {value:12,.1f} {anchor:12,.1f} {ratio:7.2f}x  {target:8} {'yes' if ok else 'NO'}")
    for name in ("twin auth.test", "twin chat.postMessage"):
        ok = "yes" if p99[name] < 5 else "NO"
        print(f"{'p99 ' + name[5:] + ' (ms)':34} {p99[name]:12.2f} {p99['bare auth.test']:12.2f} {'':8}  < 5 ms   {ok}")
    mine, theirs = rps["twin chat.postMessage"], rps["post, uvicorn protocol"]
    label = "postMessage, protocol.py vs uvicorn"
    print(f"{label:34} {mine:12,.1f} {theirs:12,.1f} {mine / theirs:7.2f}x  (no target)")
    label, ok = f"RSS after {LOAD // 1000}k + {LOAD // 1000}k calls (MB)", "yes" if rss < 150 else "NO"
    print(f"{label:34} {rss:12.1f} {prism_rss:12.1f} {'':8}  < 150    {ok}")
    print(f"{'RSS after the timed rounds (MB)':34} {timed_rss:12.1f} {'':12} {'':8}  ({stored:,} messages stored)")
    print(f"{'bytes per stored message':34} {per_message:12,.0f} {'':12} {'':8}  ({big:,}-message twin vs 1k twin)")
    print(f"{'cold start (s)':34} {cold:12.3f} {'':12} {'':8}  < 1 s    {'yes' if cold < 1 else 'NO'}")
    print("\nmedian req/s (p99 ms, non-2xx answers):")
    for name in results:
        print(f"  {name:24} {rps[name]:10,.0f}  ({p99[name]:.2f} ms, {bad[name]} non-2xx)")
    print(f"\nwrk at {CONNECTIONS} connections, {os.cpu_count()} CPUs; anchors: p99 of the bare endpoint, RSS of Prism")


if __name__ == "__main__":
    sys.exit(main())
