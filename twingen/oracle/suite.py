"""Run a vendor SDK's own test suite against a twin: ``twingen check NAME --suite SUITE [--suite-path DIR]``.

The twin is served as ``twingen check`` serves it (``twingen.check.runner.serve``); the suite runs under
pytest in a subprocess (its own environment, cwd = the suite's root) with ``twingen.oracle.suite_plugin``
loaded, configured through a JSON file: the twin's address, the driver's URL rewrites, tokens, reset scope,
exclusions and per-test timeout. The plugin writes one JSON line per test; this module reads them back.

Every Python process of the run refuses non-loopback lookups and connections: the plugin guards the pytest
process, and a ``sitecustomize.py`` first on ``PYTHONPATH`` guards the processes its tests start. A test
that was collected but never reported (the overall timeout stopped the run, or pytest crashed) is an error.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import twingen
from twingen import kits
from twingen.check.runner import serve, stop, twin_package
from twingen.oracle import suite_guard, suite_plugin
from twingen.oracle.suite_driver import RESET_SCOPES, SuiteDriver, SuiteError
from twingen.oracle.suite_report import SuiteReport, SuiteTest
from twingen.oracle.suite_source import cache_dir, installed_version, suite_python, suite_root

PLUGIN = "twingen.oracle.suite_plugin"
# none reaches the suite: not ours (its requests go to the twin directly), and no no_proxy either, so a client
# its tests give a proxy goes through that proxy as it would to the vendor (urllib and requests skip a proxy for
# hosts no_proxy names, and the rewritten URLs name 127.0.0.1: python-slack-sdk's test_issue_714 expects an
# unreachable proxy to fail)
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy",
                   "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")  # fmt: skip
LOG_LINES = 15
# no cache and no benchmark folder left in the suite's checkout; the suite's addopts (coverage, xdist...) left
# out; a file that cannot be imported is an error among the rest, not the end of the run
PYTEST_ARGS = (
    "-p", "no:cacheprovider", "-p", "no:benchmark", "-o", "addopts=", "-q", "--continue-on-collection-errors",
)  # fmt: skip


@dataclass(frozen=True)
class SuiteOptions:
    twin_dir: Path
    suite: str
    suite_path: Path | None = None
    cache: Path | None = None
    """Where sdists and the suite's venv are kept [default: ``$XDG_CACHE_HOME/twingen/suites``]."""
    driver: type[SuiteDriver] | None = None
    """A driver class to use instead of the kit's (tests)."""
    test_timeout: float | None = None
    suite_timeout: float | None = None
    tests: str | None = None
    """A pytest ``-k`` expression: only the tests it selects are run."""
    rate_limits: bool | None = None
    """Whether the twin enforces its vendor's rate limits; None: the driver's choice (``SuiteDriver.rate_limits``)."""


def known_suites() -> list[str]:
    return sorted(adapter.name for kit in kits.all_kits() for adapter in kit.suites)


def driver_class(name: str) -> type[SuiteDriver]:
    found = kits.suite_named(name)
    if found is None:
        raise SuiteError(f"no suite driver named {name!r}; known: {', '.join(known_suites()) or 'none'}")
    driver: type[SuiteDriver] = kits.load(found[1].driver)
    return driver


def run_suite(options: SuiteOptions) -> SuiteReport:
    started = time.monotonic()
    driver_type = options.driver or driver_class(options.suite)
    if driver_type.reset not in RESET_SCOPES:
        raise SuiteError(f"{driver_type.__name__}.reset is {driver_type.reset!r}; one of {RESET_SCOPES}")
    rate_limits = driver_type.rate_limits if options.rate_limits is None else options.rate_limits
    excluded = driver_type.exclusions(rate_limits)
    reasonless = [pattern for pattern, reason in excluded.items() if not reason.strip()]
    if reasonless:
        raise SuiteError(f"{driver_type.__name__} excludes {', '.join(reasonless)} without a reason; write why")
    cache = options.cache or cache_dir()
    root = suite_root(driver_type, options.suite_path, cache)
    python = suite_python(options.suite, driver_type.requirements, cache)
    source = (
        describe_checkout(root)
        if options.suite_path is not None
        else f"sdist {driver_type.distribution} {installed_version(driver_type.distribution)}"
    )
    suite_timeout = options.suite_timeout or driver_type.suite_timeout
    with (
        # the wall clock, as the vendor's: suites send times they read from it (chat.scheduleMessage post_at)
        serve(options.twin_dir, seed=None, tls=driver_type.needs_tls) as twin,
        tempfile.TemporaryDirectory(prefix="twingen-suite-") as tmp,
    ):
        driver = driver_type(twin)
        # before the driver reads the seed, so its calls count too; a reset between tests keeps the setting
        twin.http.post("/_twin/ratelimits", json={"enabled": rate_limits}).raise_for_status()
        folder = Path(tmp)
        results = folder / "results.jsonl"
        settings = {
            "base_url": twin.base_url,
            "results": str(results),
            "reset": driver.reset,
            "rewrites": sorted(driver.rewrites().items(), key=lambda pair: -len(pair[0])),  # longest prefix first
            "tokens": driver.tokens(),
            "excluded": list(excluded.items()),
            "test_timeout": options.test_timeout or driver.test_timeout,
        }
        env = _environment(driver, folder, settings)
        argv = [python, "-m", "pytest", "-p", PLUGIN, *PYTEST_ARGS, "--rootdir", str(root), *driver.pytest_args,
                *(("-k", options.tests) if options.tests else ()), *driver.paths]  # fmt: skip
        status, stopped = _run(argv, root, env, folder / "pytest.log", suite_timeout)
        events = _events(results)
        if not stopped and status not in (0, 1, 5) and not any(e.get("event") == "test" for e in events):
            raise SuiteError(f"pytest exited with {status} before running a test:\n{_tail(folder / 'pytest.log')}")
        report = SuiteReport(
            twin=twin_package(options.twin_dir).removeprefix("twin_"),
            suite=options.suite,
            source=source,
            stopped=stopped,
            rate_limits=rate_limits,
        )
        _fill(report, events, status, cleaners=(twin.base_url, f"{root}/", str(root)))
    report.seconds = time.monotonic() - started
    return report


def describe_checkout(root: Path) -> str:
    """``checkout NAME`` and its commit when it is a git clone: no machine-specific path in the report."""
    if not (root / ".git").exists():
        return f"checkout {root.name}"
    try:
        done = subprocess.run(["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"], capture_output=True,
                              text=True, timeout=30, stdin=subprocess.DEVNULL)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        done = None
    commit = done.stdout.strip() if done is not None and done.returncode == 0 else ""
    return f"checkout {root.name}" + (f" at commit {commit}" if commit else "")


def _environment(driver: SuiteDriver, folder: Path, settings: dict[str, Any]) -> dict[str, str]:
    """The suite's environment: ours less proxies and pytest's own variables, plus the driver's, the plugin's
    settings, and a ``PYTHONPATH`` that starts with the guard's ``sitecustomize`` and exactly this twingen."""
    config = folder / "settings.json"
    config.write_text(json.dumps(settings), encoding="utf-8")
    site = folder / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(suite_guard.SITECUSTOMIZE, encoding="utf-8")
    (site / "twingen").symlink_to(Path(twingen.__file__).resolve().parent, target_is_directory=True)
    env = {k: v for k, v in os.environ.items() if k not in PROXY_VARIABLES and not k.startswith("PYTEST_")}
    env.update(driver.environment())
    env[suite_plugin.CONFIG_ENV] = str(config)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(site), env.get("PYTHONPATH", "")) if p)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # leave no __pycache__ in a checkout
    return env


def _run(argv: list[str], root: Path, env: dict[str, str], log_path: Path, timeout: float) -> tuple[int, str]:
    """pytest's exit status, and why it was stopped ("" when it ended by itself)."""
    with log_path.open("wb") as log:
        process = subprocess.Popen(argv, cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
        try:
            return process.wait(timeout=timeout), ""
        except subprocess.TimeoutExpired:
            stop(process)  # the whole process group: pytest and anything its tests started
            return process.returncode, f"the suite ran over {timeout:g} s and was stopped"
        finally:
            if process.poll() is None:
                stop(process)


def _events(results: Path) -> list[dict[str, Any]]:
    if not results.is_file():
        return []
    events = []
    for line in results.read_text(encoding="utf-8").splitlines():
        try:
            events.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a line cut short when the run was stopped
    return events


_DATE_HEADER = re.compile(
    r"((?:'|\"|\b)date(?:'|\")?\s*[:=,]\s*(?:'|\")?)[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} [\d:]{8} GMT", re.I
)


def _fill(report: SuiteReport, events: list[dict[str, Any]], status: int, cleaners: tuple[str, ...]) -> None:
    """The tests from the plugin's events; a collected test that never reported is an error (``report.stopped``
    says why, when the run was stopped)."""

    def clean(text: str) -> str:
        for noisy in cleaners:
            text = text.replace(noisy, "TWIN" if noisy.startswith("http") else "")
        # what changes from run to run on the same twin (a Date header an SDK quotes in its error, a port)
        return _DATE_HEADER.sub(r"\1DATE", text)

    done: dict[str, SuiteTest] = {}
    collected: list[str] = []
    for event in events:
        kind = event.get("event")
        if kind == "test":
            nodeid = str(event["nodeid"])
            cause, answer = clean(str(event.get("cause", ""))), clean(str(event.get("answer", "")))
            done[nodeid] = SuiteTest(nodeid, str(event["outcome"]), cause, answer, float(event.get("duration", 0.0)))
        elif kind == "excluded":
            done[str(event["nodeid"])] = SuiteTest(str(event["nodeid"]), "excluded", str(event.get("reason", "")))
        elif kind == "collected":
            collected = [str(n) for n in event.get("nodeids", [])]
        elif kind == "interrupted":
            report.stopped = report.stopped or f"the suite stopped the run: {clean(str(event.get('reason', '')))}"
        elif kind == "refused":
            report.refused.append(f"{event.get('nodeid') or 'collection'}: {event.get('target')}")
    why = report.stopped or f"pytest ended (exit status {status}) before reporting it"
    for nodeid in collected:
        if nodeid not in done:
            done[nodeid] = SuiteTest(nodeid, "error", f"did not finish: {why}")
    report.tests = [done[nodeid] for nodeid in sorted(done)]


def _tail(path: Path) -> str:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines() if path.is_file() else []
    return "\n".join(lines[-LOG_LINES:])
