"""``twingen replay``: recorded real traffic played against a twin, each answer compared with the recorded one.

Per cassette: the twin is reset, so each cassette starts from the seed as the recording started from a clean
test account; per interaction: the host is the twin's, the recorded credentials are swapped for the twin's,
ids learned from earlier answers of the cassette are put in (``idmap``), and the twin's answer is judged
against the real one (``compare``).

Only what the twin can judge is judged. These interactions are set apart, with their reason:
- ``not-routed``: no operation of the twin's spec serves that method and path (an API the twin does not have);
- ``body-not-recorded``: a write whose operation requires a body (or, for an operation the docs lack, that the
  twin refuses as invalid where the service accepted it), recorded without one: the service got a body the
  cassette did not keep, so the twin cannot be asked the same question; what it made on the service is unknown
  to the cassette, so later requests naming it count as ``recorded-only``;
- ``not-vendor-answer``: the recorded answer lacks the header every answer of the vendor's API carries (the kit's
  ``answer_header``): a proxy's page or a hand-written cassette; not sent;
- ``proof-not-recorded``: the request's proof of possession (a ``DPoP`` header) was replaced by a placeholder in
  the recording, so no server can accept it again; not sent;
- ``recorded-only``: the real service answered, the twin says "not found", and the request names an object the
  cassette never created (it existed only in the recorded account);
- ``feature-off-in-recording``: the recorded answer is the vendor's "your account lacks this feature" (the kit's
  ``feature_off_codes``) and the twin, an account with the documented features, answered otherwise.
An object the cassette created on the real service but the twin failed to create is the twin's failure, and is
judged.

The whole run refuses the network (``netguard``), in this process and in the twin it starts.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx

from twingen.check.runner import RunningTwin, serve, twin_package
from twingen.kits import kit_named, load
from twingen.oracle.cassettes import Cassette, CassetteError, Interaction, find_cassettes, read_cassette
from twingen.oracle.compare import Answer, ErrorCodeReader, Verdict, judge, link_relations
from twingen.oracle.credentials import CredentialSwap
from twingen.oracle.idmap import IdMap, id_like, looks_generated
from twingen.oracle.operations import Matched, OperationTable
from twingen.runtime.serving.netguard import child_pythonpath, child_site_dir, refuse_network

NOT_ROUTED = "not-routed"
RECORDED_ONLY = "recorded-only"
BODY_NOT_RECORDED = "body-not-recorded"
NOT_VENDOR_ANSWER = "not-vendor-answer"
PROOF_NOT_RECORDED = "proof-not-recorded"
FEATURE_OFF = "feature-off-in-recording"
_WRITES = frozenset({"POST", "PUT", "PATCH"})
# hop-by-hop and transport headers: the client sets its own to reach the twin
_DROPPED = frozenset({"host", "content-length", "transfer-encoding", "connection", "accept-encoding", "keep-alive"})


@dataclass(frozen=True)
class ReplayOptions:
    twin_dir: Path
    cassettes: Path
    match: str | None = None


@dataclass(frozen=True)
class Judged:
    """One recorded interaction after the replay: a verdict, or the reason it could not be judged."""

    cassette: str
    index: int
    method: str
    path: str
    """The recorded path (recorded ids, no query): stable from run to run."""
    operation: str
    verdict: Verdict | None = None
    unjudgeable: str = ""
    detail: str = ""


@dataclass
class ReplayReport:
    twin: str
    source: str
    """The name of the file or folder the cassettes came from."""
    cassettes: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """Files in the folder that are not cassettes, with why."""
    results: list[Judged] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    """Operation id -> behaviour, inferred or stub (``/_twin/coverage``)."""


Progress = Callable[[Judged], None]


def load_cassettes(root: Path, match: str | None) -> tuple[list[Cassette], list[tuple[str, str]]]:
    """The cassettes under ``root`` and the files skipped; a single file that is not a cassette is an error."""
    cassettes, skipped = [], []
    for path in find_cassettes(root, match):
        try:
            cassettes.append(read_cassette(path, root))
        except CassetteError as exc:
            if path == root:
                raise
            skipped.append((path.relative_to(root).as_posix(), str(exc).split(": ", 1)[-1]))
    return cassettes, skipped


def error_code_reader(vendor: str) -> ErrorCodeReader | None:
    kit = kit_named(vendor)
    return load(kit.error_code) if kit is not None and kit.error_code else None


@contextlib.contextmanager
def serve_guarded(twin_dir: Path) -> Iterator[RunningTwin]:
    """The twin served as ``twingen check`` serves it (``--seed 0``), in a process that refuses the network."""
    with child_site_dir() as site, contextlib.ExitStack() as stack:
        with child_pythonpath(site):  # only while the twin's process starts
            twin = stack.enter_context(serve(twin_dir, seed=0))
        yield twin


def replay(options: ReplayOptions, progress: Progress | None = None) -> ReplayReport:
    """Play every cassette against the twin in ``options.twin_dir``; nothing leaves the machine meanwhile."""
    twin_dir = options.twin_dir
    spec = json.loads((twin_dir / twin_package(twin_dir) / "spec.json").read_text(encoding="utf-8"))
    cassettes, skipped = load_cassettes(options.cassettes, options.match)
    if not cassettes:
        matching = f" matching {options.match!r}" if options.match else ""
        raise CassetteError(f"{options.cassettes}: no cassette{matching} (vcrpy YAML or JSON, HAR)")
    report = ReplayReport(str(spec.get("name", twin_dir.name)), options.cassettes.name, skipped=skipped)
    reader = error_code_reader(str(spec.get("vendor", "")))
    with refuse_network(), serve_guarded(twin_dir) as twin:
        coverage = twin.http.get("/_twin/coverage").json()["operations"]
        table = OperationTable.from_twin(spec, coverage)
        report.sources = table.sources
        rules = _Rules.of(spec)
        for cassette in cassettes:
            report.cassettes.append(cassette.name)
            twin.http.post("/_twin/reset").raise_for_status()
            swap = CredentialSwap.for_twin(twin.http.get("/_twin/credentials").json(), spec)
            session = _Session(twin.http, table, swap, reader, rules)
            for interaction in cassette.interactions:
                judged = session.play(cassette.name, interaction)
                report.results.append(judged)
                if progress is not None:
                    progress(judged)
    return report


@dataclass(frozen=True)
class _Rules:
    """What says an interaction cannot be judged, read once per replay from the spec and the vendor's kit."""

    documented: frozenset[str] = frozenset()
    """Operation ids of the docs (a write the docs lack has no declared body to say it needs one)."""
    needs_body: frozenset[str] = frozenset()
    answer_header: str = ""
    feature_off: frozenset[str] = frozenset()

    @classmethod
    def of(cls, spec: dict[str, Any]) -> _Rules:
        kit = kit_named(str(spec.get("vendor", "")))
        operations = spec.get("operations", ())
        return cls(
            documented=frozenset(str(op["id"]) for op in operations),
            needs_body=frozenset(str(op["id"]) for op in operations if (op.get("request_body") or {}).get("required")),
            answer_header=kit.answer_header.lower() if kit is not None else "",
            feature_off=frozenset(kit.feature_off_codes) if kit is not None else frozenset(),
        )


class _Session:
    """One cassette's replay: its id pairs and the ids its recording created."""

    def __init__(
        self,
        http: httpx.Client,
        table: OperationTable,
        swap: CredentialSwap,
        reader: ErrorCodeReader | None,
        rules: _Rules,
    ) -> None:
        self.http, self.table, self.swap, self.reader, self.rules = http, table, swap, reader, rules
        self.orphans: set[str] = set()
        """Ids in the recorded answers of writes set apart as body-not-recorded: made on the real service by a
        request the twin never got, so a later request naming one asks about an object the twin cannot have."""
        self.ids = IdMap()
        self.created: set[str] = set()
        """Values in the requests that change something and in their recorded answers: what this cassette made
        or chose (a name it gave), so never an object only the recorded account had."""

    def play(self, cassette: str, interaction: Interaction) -> Judged:
        recorded_path = urlsplit(interaction.url).path or "/"
        url = self.swap.url(self.ids.url(interaction.url))
        parts = urlsplit(url)
        path = parts.path or "/"
        matched = self.table.match(interaction.method, path)
        base = Judged(cassette, interaction.index, interaction.method, recorded_path, matched.op_id if matched else "")
        if matched is None:
            detail = f"no operation of the twin's spec serves {interaction.method} {recorded_path}"
            return replace(base, unjudgeable=NOT_ROUTED, detail=detail)
        rules = self.rules
        if rules.answer_header and not interaction.header(rules.answer_header, response=True):
            detail = f"the recorded answer has no {rules.answer_header} header: it did not come from the vendor's API"
            return replace(base, unjudgeable=NOT_VENDOR_ANSWER, detail=detail)
        proof = interaction.header("dpop", response=False)
        if proof and proof.count(".") != 2:
            detail = "its DPoP proof was replaced by a placeholder in the recording"
            return replace(base, unjudgeable=PROOF_NOT_RECORDED, detail=detail)
        if interaction.method in _WRITES and matched.op_id in rules.needs_body and not interaction.request_body.strip():
            return self._body_not_recorded(base, interaction, f"{matched.op_id} takes a body")
        recorded = Answer(interaction.status, interaction.response_headers, interaction.response_body)
        answer = self._send(interaction, path + (f"?{parts.query}" if parts.query else ""))
        verdict = judge(recorded, answer, self.reader)
        foreign = self._foreign(matched, parts.query)
        succeeded = recorded.status < 400 and not verdict.recorded_code  # Slack's errors come with HTTP 200
        if foreign and succeeded and _not_found(verdict):
            detail = f"names {foreign}, which this cassette never created: it existed only in the recorded account"
            return replace(base, unjudgeable=RECORDED_ONLY, detail=detail)
        if verdict.recorded_code in self.rules.feature_off and verdict.twin_code != verdict.recorded_code:
            detail = f"the recorded account lacked the feature ({verdict.recorded_code}); the twin has it"
            return replace(base, unjudgeable=FEATURE_OFF, detail=detail)
        unsent = interaction.method in _WRITES and not interaction.request_body.strip()
        if unsent and succeeded and verdict.twin_status == 400 and matched.op_id not in self.rules.documented:
            return self._body_not_recorded(base, interaction, f"{matched.op_id} was refused without one")
        orphan = self._orphan(url, interaction.request_body) if succeeded and _refused(verdict) else ""
        if orphan:
            detail = f"names {orphan}, made by a write recorded without its body (set apart): the twin cannot have it"
            return replace(base, unjudgeable=RECORDED_ONLY, detail=detail)
        self._learn(interaction, recorded, answer)
        return replace(base, verdict=verdict, detail="" if answer.status else _error(answer))

    def _send(self, interaction: Interaction, target: str) -> Answer:
        content_type = interaction.header("content-type", response=False)
        body = self.ids.body(interaction.request_body, content_type)
        if content_type.split(";", 1)[0].strip().lower() == "application/x-www-form-urlencoded":
            body = self.swap.form(body)
        headers = [(k, v) for k, v in self.swap.headers(interaction.request_headers) if k.lower() not in _DROPPED]
        try:
            # a recorded path may start with "//" (an old SDK's double slash): sent relative, httpx would read
            # its first segment as a host, so it goes out absolute, on the twin
            url = str(self.http.base_url).rstrip("/") + target if target.startswith("//") else target
            response = self.http.request(interaction.method, url, headers=headers, content=body or None)
        except httpx.HTTPError as exc:
            return Answer(0, (), f"{type(exc).__name__}: {exc}".encode())
        return Answer(response.status_code, tuple(response.headers.multi_items()), response.content)

    def _body_not_recorded(self, base: Judged, interaction: Interaction, why: str) -> Judged:
        made = Answer(interaction.status, interaction.response_headers, interaction.response_body).json()
        self.orphans.update(value for value in _strings_in(made) if looks_generated(value))
        detail = f"{why}, and the recording kept no body of what was sent"
        return replace(base, unjudgeable=BODY_NOT_RECORDED, detail=detail)

    def _orphan(self, url: str, body: bytes) -> str:
        """An id the request names (in its URL or body) that only a set-apart write made, else ""."""
        if not self.orphans:
            return ""
        parts = urlsplit(url)
        named = set(parts.path.split("/")) | {v for _, v in parse_qsl(parts.query)}
        named |= set(_strings_in(Answer(0, (), body).json()))
        return next((value for value in sorted(named & self.orphans)), "")

    def _foreign(self, matched: Matched, query: str) -> str:
        """A value in the request that looks minted by the real service and that neither the twin gave nor
        this cassette created, else ""."""
        values = list(matched.params.values())
        values += [value for name, value in parse_qsl(query) if id_like(name)]
        twin_ids = set(self.ids.pairs.values())
        for value in values:
            if looks_generated(value) and value not in twin_ids and value not in self.created:
                return value
        return ""

    def _learn(self, interaction: Interaction, recorded: Answer, answer: Answer) -> None:
        recorded_data = recorded.json()
        if interaction.method != "GET" and recorded.status < 400:
            # whatever a change request sent or got back names something this cassette made (or chose)
            self.created.update(_strings_in(recorded_data))
            self.created.update(_strings_in(Answer(0, (), interaction.request_body).json()))
            self.created.update(urlsplit(recorded.header("location")).path.split("/"))
        if recorded.status >= 400 or not 0 < answer.status < 400:
            return
        self.ids.learn_bodies(recorded_data, answer.json())
        if recorded.header("location") and answer.header("location"):
            self.ids.learn_urls(recorded.header("location"), answer.header("location"))
        twin_links = link_relations(answer.header("link"))
        for rel, target in link_relations(recorded.header("link")).items():
            if rel in twin_links:
                self.ids.learn_urls(target, twin_links[rel])


def _refused(verdict: Verdict) -> bool:
    """The twin answered an error (a 4xx, or a vendor error code in a 200 as Slack words them)."""
    return verdict.twin_status >= 400 or bool(verdict.twin_code)


def _not_found(verdict: Verdict) -> bool:
    code = verdict.twin_code.replace("_", "").lower()
    return verdict.twin_status == 404 or "notfound" in code


def _error(answer: Answer) -> str:
    """Why the twin gave no answer (the connection failed)."""
    return answer.body.decode("utf-8", "replace")


def _strings_in(data: Any) -> Iterator[str]:
    """Every string and integer value in a JSON document, at any depth."""
    if isinstance(data, dict):
        for value in data.values():
            yield from _strings_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from _strings_in(item)
    elif isinstance(data, (str, int)) and not isinstance(data, bool):
        yield str(data)
