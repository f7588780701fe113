"""What one SDK method's check ends in, and the report that collects them.

Every SDK method ends in exactly ONE class. A method is called once with valid arguments and then with
a few invalid ones whose vendor answer is known (one required argument left out, an unknown id, a bad
token). The class is the first of these that applies, in this order (``PRECEDENCE``):

1. ``not-routed``  the valid call was answered "no such method" (Slack ``unknown_method``, Google 404
   ``Method not found.``): the twin does not serve the operation the SDK calls at all.
2. ``server-error`` any call got a 5xx or the connection failed: the twin broke, whatever else happened.
3. ``stub``        the operation's source in ``/_twin/coverage`` is ``stub``: its answers come from the
   schema, not from behaviour, so even an answer that parsed and looked right counts as a stub.
4. ``sdk-raised``  the SDK raised something other than its vendor-error type while reading an answer
   (not JSON, a list where it wants an object, a field its helper needs is missing).
5. ``wrong-error`` the valid call got an error the vendor does not return for this method, or an
   invalid call was accepted or answered with a different error than the vendor's.
6. ``vendor-error-as-expected`` the valid call got an error the vendor really returns for this method
   (declared for the operation in the IR, or on the driver's known list), and the invalid calls too.
7. ``ok``          the valid call succeeded and every invalid call got the vendor's error.

The order puts what the twin's author must fix first: a missing route hides everything else, a crash
is never excused by a stub, and a stub is reported as a stub rather than as the accident of its shape.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

ResultClass = Literal[
    "not-routed", "server-error", "stub", "sdk-raised", "wrong-error", "vendor-error-as-expected", "ok"
]
PRECEDENCE: tuple[ResultClass, ...] = (
    "not-routed",
    "server-error",
    "stub",
    "sdk-raised",
    "wrong-error",
    "vendor-error-as-expected",
    "ok",
)
PASSING: frozenset[ResultClass] = frozenset({"ok", "vendor-error-as-expected"})

OutcomeKind = Literal["answer", "vendor-error", "unparsed", "server-error", "not-routed", "refused"]
"""How one call through the SDK ended. ``refused``: the SDK raised before sending anything."""


@dataclass
class Outcome:
    """One call through the real SDK, as the driver saw it."""

    kind: OutcomeKind
    code: str = ""
    """The vendor's error code (Slack ``channel_not_found``, Google reason ``notFound``) or ""."""
    status: int = 0
    answer: str = ""
    """The raw answer body (cut), for the report."""
    data: Any = None
    """The parsed answer when the SDK returned one."""
    detail: str = ""


@dataclass(frozen=True)
class Probe:
    """One invalid call and what the vendor answers to it."""

    label: str
    """``missing channel``, ``unknown channel``, ``bad token``."""
    expected: frozenset[str]
    outcome: Outcome


@dataclass
class MethodResult:
    """The check of one SDK method."""

    name: str
    operation: str
    cls: ResultClass
    detail: str
    call: str = ""
    """The valid call as made (``chat_postMessage(channel='C1', text='hi')``)."""
    answer: str = ""
    """The first lines of the valid call's answer."""
    source: str = ""
    """The operation's behaviour source in ``/_twin/coverage``: behaviour / inferred / stub / absent."""
    seconds: float = 0.0
    client: str = ""
    """The SDK client the method belongs to (``SdkMethod.client``), for SDKs with several; "" otherwise."""

    def to_data(self) -> dict[str, Any]:
        data = asdict(self)
        data["class"] = data.pop("cls")
        if not data["client"]:
            del data["client"]  # single-client SDKs: the report's shape stays as it was
        return data


@dataclass(frozen=True)
class Excluded:
    """A method left out of the check, with the reason written in the twin."""

    name: str
    reason: str


@dataclass
class CheckReport:
    """Everything one ``twingen check`` found."""

    twin: str
    sdk: str
    sdk_version: str
    methods: list[MethodResult] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        """Every SDK method in scope: checked ones and excluded ones (exclusions cannot raise the score)."""
        return len(self.methods) + len(self.excluded)

    @property
    def passed(self) -> int:
        return sum(r.cls in PASSING for r in self.methods)

    @property
    def score(self) -> float:
        return self.passed / self.total if self.total else 0.0

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {cls: 0 for cls in PRECEDENCE}
        for result in self.methods:
            counts[result.cls] += 1
        counts["excluded"] = len(self.excluded)
        return counts

    def to_data(self) -> dict[str, Any]:
        return {
            "twin": self.twin,
            "sdk": self.sdk,
            "sdk_version": self.sdk_version,
            "score": round(self.score, 4),
            "total": self.total,
            "passed": self.passed,
            "counts": self.counts(),
            "seconds": round(self.seconds, 2),
            "methods": [r.to_data() for r in self.methods],
            "excluded": [asdict(e) for e in self.excluded],
        }
