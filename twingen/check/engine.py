"""Run the check: serve the twin, call every SDK method through its driver, classify, collect the report.

One twin process and one set of clients serve the whole run. Methods run one after another (so the
report is the same every time: ids come from the twin's ``--seed``), makers first and breakers last;
before each breaker the twin is reset to its seed and the driver's setup is made again, so that one
deletion cannot spoil the next method's call.
"""

from __future__ import annotations

import fnmatch
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from twingen import kits
from twingen.check import exclusions
from twingen.check.arguments import Pool, load_operations, render_call
from twingen.check.classes import CheckReport, Excluded, MethodResult, Outcome, Probe
from twingen.check.drivers import driver_class
from twingen.check.drivers.base import Driver
from twingen.check.runner import serve, twin_package
from twingen.check.verdict import classify, worst_source
from twingen.sdk.scan import scan_sdk
from twingen.sdk.surface import SdkMethod

ANSWER_LINES = 8
ANSWER_CHARS = 600

Progress = Callable[[MethodResult, int], None]
"""Called after each method with its result and the number of methods being checked."""


@dataclass(frozen=True)
class CheckOptions:
    twin_dir: Path
    sdk: str
    """``slack_sdk``, ``googleapiclient:drive.v3``, or ``googleapiclient`` (the twin's own document)."""
    patterns: Sequence[str] = ()


def select(methods: Sequence[SdkMethod], patterns: Sequence[str]) -> list[SdkMethod]:
    """Methods whose SDK name or operation id matches any pattern (all when there are none)."""
    if not patterns:
        return list(methods)
    return [m for m in methods if any(fnmatch.fnmatchcase(n, p) for p in patterns for n in (m.name, m.operation))]


def resolve_sdk(sdk: str, twin_dir: Path) -> str:
    """An SDK that serves many documents, named alone (``googleapiclient``), means the twin's own document
    (``googleapiclient:drive.v3`` for a Drive twin)."""
    found = kits.kit_for_sdk(sdk)
    if found is None or not found[1].needs_document:
        return sdk
    manifest = twin_dir / "twin-manifest.json"
    if manifest.is_file():
        given = json.loads(manifest.read_text(encoding="utf-8")).get("docs") or []
        for doc in given:
            if isinstance(doc, str) and doc.startswith(f"{sdk}:"):
                return doc
    # no manifest entry: Discovery ids are NAME.RESOURCE.METHOD and the spec keeps the version
    spec = json.loads((twin_dir / twin_package(twin_dir) / "spec.json").read_text(encoding="utf-8"))
    first: dict[str, object] = next(iter(spec.get("operations") or ()), {})
    return f"{sdk}:{str(first.get('id', spec['name'])).split('.')[0]}.{spec['version']}"


def run_check(options: CheckOptions, progress: Progress | None = None) -> CheckReport:
    started = time.monotonic()
    twin_dir = options.twin_dir
    sdk = resolve_sdk(options.sdk, twin_dir)
    excluded_by = exclusions.load(twin_dir)  # before the twin starts: a reasonless exclusion stops here
    surface = scan_sdk(sdk)
    operations = load_operations(twin_dir / twin_package(twin_dir) / "spec.json")
    chosen = select(surface.methods, options.patterns)
    report = CheckReport(twin=twin_dir.name, sdk=sdk, sdk_version=surface.version)
    to_run: list[SdkMethod] = []
    for method in chosen:
        reason = excluded_by.reason_for(method)
        if reason is None:
            to_run.append(method)
        else:
            report.excluded.append(Excluded(method.name, reason))
    results: dict[str, MethodResult] = {}
    driver_type = driver_class(sdk)
    with serve(twin_dir, tls=driver_type.needs_tls) as twin:
        driver = driver_type(twin, surface, operations)
        try:
            _run(driver, to_run, results, progress)
        finally:
            driver.close()
    # the report lists methods in the SDK's order, whatever order they ran in
    report.methods = [results[m.name] for m in to_run]
    report.seconds = time.monotonic() - started
    return report


def _run(driver: Driver, methods: list[SdkMethod], results: dict[str, MethodResult], progress: Progress | None) -> None:
    driver.connect()
    pool = Pool()
    driver.setup(pool)
    made: dict[str, list[tuple[SdkMethod, str]]] = {}
    for method in driver.order(methods):
        if driver.destructive(method):
            driver.twin.reset()
            driver.connect()
            pool = Pool()
            driver.setup(pool)
            # make again what this family's makers made, so there is something to delete (reminders.add)
            # (with arguments made afresh: the ids of before the reset are gone)
            for maker, credential in made.get(_family(method), ()):
                args = driver.arguments(maker, pool)
                driver.harvest(maker, args, driver.call(maker, args, credential), pool)
        result, _, credential, worked = check_method(driver, method, pool)
        results[method.name] = result
        if driver.rank(method) == 0 and worked:  # made something, even if a probe then failed
            made.setdefault(_family(method), []).append((method, credential))
        if progress is not None:
            progress(result, len(methods))


def _family(method: SdkMethod) -> str:
    # the top family: calls.participants.remove needs what calls.add made, slackLists.items.* a list
    return (method.operation or method.name).split(".", 1)[0]


def check_method(driver: Driver, method: SdkMethod, pool: Pool) -> tuple[MethodResult, dict[str, Any], str, bool]:
    """Call one method validly, then its probes, and classify; also the arguments and credential used, and
    whether the valid call worked."""
    started = time.monotonic()
    sources = [driver.twin.sources.get(op, "absent") for op in driver.operations_of(method)]
    source = worst_source(sources)
    args = driver.arguments(method, pool)
    credentials = driver.credentials_for(method)
    valid = Outcome("refused", detail="no credential")
    used = credentials[0] if credentials else ""
    for used in credentials:
        valid = driver.call(method, args, used)
        if not (valid.kind == "vendor-error" and valid.code in driver.retry_codes):
            break
    if source != "stub":  # a stub's ids are schema examples ("string"), not objects later calls can use
        driver.harvest(method, args, valid, pool)
    probes: list[Probe] = []
    skipped: list[str] = []
    if valid.kind != "not-routed":
        for planned in driver.probes(method, args, used, pool):
            if planned.needs_success and valid.kind != "answer":
                skipped.append(planned.label)  # nothing valid worked with this credential: nothing to compare
                continue
            probes.append(Probe(planned.label, planned.expected, planned.make()))
    cls, detail = classify(valid, probes, source, driver.known_errors_for(method, used))
    if skipped:
        detail += f"; skipped ({', '.join(skipped)}): no valid call succeeded"
    notes = driver.notes(method)
    detail += f"; {notes}" if notes else ""
    detail += f" [as {used or 'no credential'}; args: {', '.join(args) or 'none'}]"
    result = MethodResult(
        name=method.name,
        operation=method.operation or " + ".join(method.calls),
        cls=cls,
        detail=detail,
        call=render_call(method.name, args, used),
        answer=without_port(first_lines(valid.answer), driver.twin.base_url),
        source=source,
        seconds=time.monotonic() - started,
        client=method.client,
    )
    return result, args, used, valid.kind == "answer"


def without_port(text: str, base_url: str) -> str:
    """``text`` with the twin's port (a free one, new each run) written ``PORT``: a report changes when answers do."""
    address = base_url.split("://", 1)[-1]
    return text.replace(address, address.rsplit(":", 1)[0] + ":PORT")


def first_lines(text: str) -> str:
    lines = text.strip().splitlines()[:ANSWER_LINES]
    out = "\n".join(lines)
    return out if len(out) <= ANSWER_CHARS else out[: ANSWER_CHARS - 3] + "..."
