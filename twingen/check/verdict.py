"""Turn one method's calls into its ONE result class, by the precedence in ``twingen.check.classes``."""

from __future__ import annotations

from collections.abc import Sequence

from twingen.check.classes import Outcome, Probe, ResultClass

SOURCE_RANK = {"absent": 0, "stub": 1, "inferred": 2, "behaviour": 3}


def worst_source(sources: Sequence[str]) -> str:
    """A helper that reaches several operations is only as real as the least real of them."""
    return min(sources, key=lambda s: SOURCE_RANK.get(s, 0)) if sources else "absent"


def classify(valid: Outcome, probes: Sequence[Probe], source: str, known: frozenset[str]) -> tuple[ResultClass, str]:
    """(class, detail) for a method whose valid call ended in ``valid`` and whose probes ended as they did."""
    if valid.kind == "not-routed":
        return "not-routed", f"the twin has no route for it: {valid.code or valid.status}"
    calls = [("valid call", valid), *((p.label, p.outcome) for p in probes)]
    for label, outcome in calls:
        if outcome.kind == "server-error":
            return "server-error", f"{label}: {outcome.detail or outcome.status}"
    if source == "stub":
        return "stub", f"answered from the schema, not by behaviour ({_describe(valid)})"
    for label, outcome in calls:
        if outcome.kind == "unparsed":
            return "sdk-raised", f"{label}: {outcome.detail}"
    if valid.kind == "refused":
        # the SDK would not send what the check made: a gap in the check's arguments, said as such
        return "sdk-raised", f"the SDK refused the check's arguments before sending: {valid.detail}"
    if valid.kind == "vendor-error" and valid.code not in known:
        return "wrong-error", f"valid call answered {valid.code!r}, which the vendor does not return for this method"
    for probe in probes:
        problem = _probe_problem(probe)
        if problem:
            return "wrong-error", problem
    if valid.kind == "vendor-error":
        return "vendor-error-as-expected", f"{valid.code} (a known error for this method)"
    checked = [p.label for p in probes if p.outcome.kind != "refused"]
    return "ok", "answered" + (f"; {', '.join(checked)}: as the vendor" if checked else "")


def _probe_problem(probe: Probe) -> str:
    outcome = probe.outcome
    if outcome.kind == "refused":
        return ""  # the SDK itself would not send it: nothing reached the twin to judge
    want = " or ".join(sorted(probe.expected)) or "success"
    if not probe.expected:
        if outcome.kind == "answer":
            return ""
        return f"{probe.label}: answered {_describe(outcome)}, the vendor answers success"
    if outcome.kind == "answer":
        return f"{probe.label} was accepted; the vendor answers {want}"
    if outcome.code not in probe.expected:
        return f"{probe.label}: answered {_describe(outcome)}; the vendor answers {want}"
    return ""


def _describe(outcome: Outcome) -> str:
    if outcome.kind == "vendor-error":
        return f"error {outcome.code!r}" + (f" ({outcome.status})" if outcome.status not in (0, 200) else "")
    if outcome.kind == "answer":
        return "an answer"
    return outcome.detail or outcome.kind
