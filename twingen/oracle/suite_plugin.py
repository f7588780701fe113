"""The pytest plugin twingen injects into a vendor SDK's test suite (``pytest -p twingen.oracle.suite_plugin``).

Inert unless ``$TWINGEN_SUITE_CONFIG`` names its settings (a JSON file written by ``twingen.oracle.suite``).
Then, for the whole run, it:

- refuses every non-loopback DNS lookup and connection (``suite_guard``), and records each refusal;
- resets the twin (``POST /_twin/reset``) before each test, or before each test file (the driver's choice);
- sends the vendor's URLs to the twin (a prefix rewrite in requests, urllib, aiohttp and httpx) and swaps the
  suite's placeholder tokens in ``Authorization`` headers for the twin's seeded ones;
- deselects the tests the driver excludes (each reported with its reason);
- stops a test that runs over the per-test timeout;
- writes one JSON line per test (nodeid, outcome, duration, a one-line cause, the twin's answer) to a file.

Standard library and pytest only: it runs in the suite's interpreter, beside the suite's own plugins.
"""

from __future__ import annotations

import fnmatch
import json
import os
import signal
import urllib.request
from collections.abc import Generator
from typing import IO, Any

import pytest

from twingen.oracle import suite_guard
from twingen.oracle.suite_http import patch_clients

CONFIG_ENV = "TWINGEN_SUITE_CONFIG"
CAUSE_CHARS = 300


class SuiteTestTimeout(BaseException):
    """The test ran over the per-test timeout (a BaseException, so an SDK's ``except Exception`` cannot eat it)."""


def one_line(text: str, limit: int = CAUSE_CHARS) -> str:
    """A failure message as one line: pytest's ``E`` lines if there are any, else the first lines, joined."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line[1:].strip() for line in lines if line.startswith("E ")]
    chosen = errors[-3:] if errors else lines[:3]
    out = " / ".join(chosen)
    return out if len(out) <= limit else out[: limit - 3] + "..."


def cause_of(report: pytest.TestReport | pytest.CollectReport) -> str:
    """What ended a phase, in a line: the skip reason or the crash message (the twin's answer vs the assertion)."""
    longrepr = report.longrepr
    if longrepr is None:
        return ""
    if isinstance(longrepr, tuple):  # a skip: (file, line, "Skipped: reason")
        return one_line(str(longrepr[2]).removeprefix("Skipped: "))
    crash = getattr(longrepr, "reprcrash", None)
    message = getattr(crash, "message", None)
    return one_line(str(message) if message else str(longrepr))


class SuitePlugin:
    """The per-run state: the results file, the twin's address, what to reset and what to exclude."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.base_url = str(settings.get("base_url", "")).rstrip("/")
        self.reset_scope = str(settings.get("reset", "test"))
        self.excluded = [(str(p), str(r)) for p, r in settings.get("excluded", [])]
        self.timeout = float(settings.get("test_timeout", 0) or 0)
        self.results: IO[str] = open(settings["results"], "a", encoding="utf-8")  # noqa: SIM115 (closed at the end)
        self.current = ""
        self._reset_key: str | None = None
        self._open: dict[str, dict[str, Any]] = {}

    def write(self, **event: Any) -> None:
        self.results.write(json.dumps(event, ensure_ascii=False) + "\n")
        self.results.flush()

    def refused(self, what: str) -> None:
        self.write(event="refused", nodeid=self.current, target=what)

    # -- the twin's control plane ------------------------------------------------------------------------------

    def _control(self, method: str, path: str) -> Any:
        body = b"{}" if method == "POST" else None
        request = urllib.request.Request(f"{self.base_url}/_twin/{path}", method=method, data=body)
        request.add_header("Content-Type", "application/json")
        with _plain_opener().open(request, timeout=30) as answer:
            return json.loads(answer.read() or b"null")

    def _last_answer(self) -> str:
        """The twin's last refusal in this test (or its last answer): ``POST /api/v1/users -> 404 (createUser)``."""
        try:
            entries = self._control("GET", "requests?limit=50").get("requests") or []
        except (OSError, ValueError):
            return ""
        if not entries:
            return "the twin received no request"
        failing = [e for e in entries if int(e.get("status", 0)) >= 400]
        entry = (failing or entries)[-1]
        operation = f" ({entry['operation']})" if entry.get("operation") else ""
        return f"{entry.get('method')} {entry.get('path')} -> {entry.get('status')}{operation}"

    # -- hooks -------------------------------------------------------------------------------------------------

    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        kept, dropped = [], []
        for item in items:
            reason = next((r for p, r in self.excluded if fnmatch.fnmatchcase(item.nodeid, p)), None)
            if reason is None:
                kept.append(item)
            else:
                dropped.append(item)
                self.write(event="excluded", nodeid=item.nodeid, reason=reason)
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = kept

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.write(event="collected", nodeids=[item.nodeid for item in session.items])

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if not report.failed:
            return
        # a test file that cannot be imported: its tests are unknown, it counts as one error, or as one excluded
        # test when the driver excludes the file (``path.py::*``: broken upstream, its own SDK cannot import it)
        reason = next((r for p, r in self.excluded if fnmatch.fnmatchcase(f"{report.nodeid}::", p)), None)
        if reason is not None:
            self.write(event="excluded", nodeid=report.nodeid, reason=reason)
            return
        self.write(event="test", nodeid=report.nodeid, outcome="error", duration=0.0,
                   cause=f"collection: {cause_of(report)}", answer="")  # fmt: skip

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        self.current = item.nodeid
        if not self.base_url:
            return
        key = {"test": item.nodeid, "module": item.nodeid.split("::", 1)[0]}.get(self.reset_scope)
        if key is not None and key != self._reset_key:
            self._reset_key = key
            self._control("POST", "reset")
        self._control("DELETE", "requests")  # the log then holds only this test's requests

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Generator[None, None, None]:
        armed = self.timeout > 0 and hasattr(signal, "setitimer")
        if armed:

            def expire(signum: int, frame: object) -> None:
                raise SuiteTestTimeout(f"the test ran over {self.timeout:g} s (twingen's per-test timeout)")

            previous = signal.signal(signal.SIGALRM, expire)
            signal.setitimer(signal.ITIMER_REAL, self.timeout)
        try:
            yield
        finally:
            if armed:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        state = self._open.setdefault(report.nodeid, {"outcome": None, "cause": "", "duration": 0.0})
        state["duration"] += report.duration
        outcome, cause = _phase_outcome(report, state["outcome"])
        if outcome is not None:
            state["outcome"], state["cause"] = outcome, cause or state["cause"]
        if report.when != "teardown":
            return
        del self._open[report.nodeid]
        final = state["outcome"] or "error"
        answer = self._last_answer() if final in ("failed", "error") and self.base_url else ""
        self.write(event="test", nodeid=report.nodeid, outcome=final, duration=round(state["duration"], 3),
                   cause=state["cause"], answer=answer)  # fmt: skip

    def pytest_keyboard_interrupt(self, excinfo: pytest.ExceptionInfo[BaseException]) -> None:
        # also called for pytest.exit() from a suite's fixture: its reason is why the rest did not run
        self.write(event="interrupted", reason=one_line(str(excinfo.value) or excinfo.typename))

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        self.write(event="finished", exitstatus=int(exitstatus))
        self.results.close()


def _phase_outcome(report: pytest.TestReport, so_far: str | None) -> tuple[str | None, str]:
    """How one phase changes a test's outcome: setup failures are errors, call failures failures, skips skips."""
    cause = cause_of(report)
    if report.when == "setup":
        if report.failed:
            return "error", f"setup: {cause}"
        return ("skipped", cause) if report.skipped else (None, "")
    if report.when == "call":
        if hasattr(report, "wasxfail"):  # an expected failure is not a pass; an unexpected pass is
            return ("skipped", f"xfail: {report.wasxfail}") if report.skipped else (report.outcome, cause)
        return report.outcome, cause
    if report.failed and so_far in (None, "passed"):
        return "error", f"teardown: {cause}"
    return None, ""


def _plain_opener() -> urllib.request.OpenerDirector:
    # no proxy handler: the twin is on loopback, whatever $HTTP_PROXY says
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


def pytest_configure(config: pytest.Config) -> None:
    path = os.environ.get(CONFIG_ENV)
    if not path:
        return
    with open(path, encoding="utf-8") as file:
        settings = json.load(file)
    plugin = SuitePlugin(settings)
    suite_guard.install(plugin.refused)
    patch_clients([(str(p), str(r)) for p, r in settings.get("rewrites", [])], dict(settings.get("tokens", {})))
    config.pluginmanager.register(plugin, "twingen-suite")
