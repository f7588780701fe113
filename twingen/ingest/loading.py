"""Read one document (JSON or YAML), hash it and tell what it is.

YAML goes through libyaml (``CSafeLoader``) when available: Okta's 3.4 MB spec parses in about 2 s with
it and nearly 5 s without. Two YAML habits that break JSON-shaped specs are undone while parsing:
timestamps stay strings, and non-string mapping keys (``200:``) become strings. A third is bounded
(``limits``): what aliases and merge keys (``<<``) add to the document, and alias cycles.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, SequenceNode

from twingen.diagnostics import Diagnostics, pointer
from twingen.ingest import limits
from twingen.ingest.progress import progress
from twingen.ingest.sources import PROSE_SUFFIXES, Source
from twingen.ir.model import DocRole

SERVED_FORMATS = ("openapi-3.0", "openapi-3.1", "swagger-2.0", "discovery-v1")
UNKNOWN_FORMAT = "unknown"

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _MergeBudget(Exception):
    """Merge keys copied more entries than ``limits.MAX_ALIAS_VALUES``."""

    def __init__(self, mark: Any) -> None:
        super().__init__()
        self.mark = mark


class _SpecLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe YAML loading that yields only JSON-compatible values."""

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self.merged = 0

    def flatten_mapping(self, node: MappingNode) -> None:
        """PyYAML's merge-key (``<<``) expansion, with a budget: nested merges multiply what they copy.

        Same result as ``SafeConstructor.flatten_mapping``; its errors are left to it (it runs when a merge
        value is neither a mapping nor a list of mappings).
        """
        merge: list[Any] = []
        index = 0
        while index < len(node.value):
            key_node, value_node = node.value[index]
            if key_node.tag != "tag:yaml.org,2002:merge":
                if key_node.tag == "tag:yaml.org,2002:value":
                    key_node.tag = "tag:yaml.org,2002:str"
                index += 1
                continue
            if isinstance(value_node, MappingNode):
                parts = [value_node]
            elif isinstance(value_node, SequenceNode) and all(isinstance(n, MappingNode) for n in value_node.value):
                parts = list(value_node.value)
            else:
                super().flatten_mapping(node)  # raises its own located ConstructorError
                return
            del node.value[index]
            for part in parts:
                self.flatten_mapping(part)
            for part in reversed(parts):
                self.merged += len(part.value)
                if self.merged > limits.MAX_ALIAS_VALUES:
                    raise _MergeBudget(key_node.start_mark)
                merge.extend(part.value)
        if merge:
            node.value = merge + node.value


def _key_text(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    return "null" if key is None else str(key)


def _construct_map(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Iterator[dict[str, Any]]:
    data: dict[str, Any] = {}
    yield data
    value = loader.construct_mapping(node)
    data.update((k if isinstance(k, str) else _key_text(k), v) for k, v in value.items())


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


_SpecLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_SpecLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


@dataclass(frozen=True)
class RawDoc:
    """A document read from disk, before refs, validation and conversion."""

    source: Source
    sha256: str
    format: str
    """One of ``SERVED_FORMATS``, ``asyncapi``, ``prose`` or ``unknown``."""
    role: DocRole
    data: dict[str, Any] | None
    version: str = ""
    note: str = ""


def load_source(source: Source, diags: Diagnostics, budget: limits.ReadBudget | None = None) -> RawDoc | None:
    """Read, parse and classify one document; None (with a located error) when it cannot be read.

    ``budget`` counts the bytes one run reads (``limits.MAX_TOTAL_BYTES``); each document is bounded alone too.
    """
    try:
        blob = (budget or limits.ReadBudget()).read(source.path)
    except OSError as exc:
        diags.error(source.given, "", f"cannot read {source.path}: {exc.strerror or exc}", "unreadable")
        return None
    except limits.TooLarge as exc:
        diags.error(source.given, "", str(exc), limits.TOO_LARGE)
        return None
    digest = hashlib.sha256(blob).hexdigest()
    if source.path.suffix.lower() in PROSE_SUFFIXES:
        return RawDoc(source, digest, "prose", "prose", None, note="prose page kept for agents")
    with progress(f"loading {source.given}", len(blob)):
        parsed = parse_document(blob, source.given, source.path.suffix.lower(), diags)
    if parsed is None:
        return None
    if not isinstance(parsed, dict):
        return RawDoc(source, digest, UNKNOWN_FORMAT, "set_aside", None, note="not a mapping at the top level")
    return classify(source, digest, parsed)


def parse_document(blob: bytes, given: str, suffix: str, diags: Diagnostics) -> Any:
    """JSON or YAML text -> Python data; None with an error naming the line when it does not parse."""
    try:
        text = blob.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        diags.error(given, "", f"not UTF-8 text (byte {exc.start})", "parse-error")
        return None
    looks_json = suffix == ".json" or text.lstrip()[:1] in ("{", "[")
    try:
        if looks_json:
            return json.loads(text)
        data = yaml.load(text, Loader=_SpecLoader)  # a SafeLoader subclass: builds plain data only
    except json.JSONDecodeError as exc:
        diags.error(given, "", f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", "parse-error")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = exc.problem or exc.context or "cannot parse"
        diags.error(given, "", f"invalid YAML{where}: {problem}", "parse-error")
    except yaml.YAMLError as exc:
        diags.error(given, "", f"invalid YAML: {exc}", "parse-error")
    except RecursionError:
        diags.error(given, "", "document is nested too deeply to parse", "parse-error")
    except _MergeBudget as exc:
        diags.error(
            given,
            "",
            f"YAML merge keys (<<) copy more than {limits.MAX_ALIAS_VALUES:,} entries, the first past that at "
            f"line {exc.mark.line + 1}, column {exc.mark.column + 1}; refused",
            limits.ALIAS_EXPANSION,
        )
    else:
        finding = limits.alias_expansion(data)
        if finding is None:
            return data
        diags.error(given, pointer(*finding.tokens), finding.message, limits.ALIAS_EXPANSION)
    return None


def classify(source: Source, digest: str, data: dict[str, Any]) -> RawDoc:
    """Tell the format of a parsed document from its marker field."""
    version = _info_version(data)
    openapi = data.get("openapi")
    if isinstance(openapi, str):
        if openapi.startswith("3.0"):
            return RawDoc(source, digest, "openapi-3.0", "served", data, version)
        if openapi.startswith("3.1"):
            return RawDoc(source, digest, "openapi-3.1", "served", data, version)
        note = f"OpenAPI {openapi} is not supported (3.0 and 3.1 are)"
        return RawDoc(source, digest, UNKNOWN_FORMAT, "set_aside", data, version, note)
    if str(data.get("swagger", "")) == "2.0":
        return RawDoc(source, digest, "swagger-2.0", "served", data, version)
    if "discoveryVersion" in data:
        return RawDoc(source, digest, "discovery-v1", "served", data, str(data.get("version", "")))
    if "asyncapi" in data:
        note = f"AsyncAPI {data['asyncapi']} document (events); recognised and set aside, not served yet"
        return RawDoc(source, digest, "asyncapi", "set_aside", None, version, note)
    # The data is kept: an unknown document may be a fragment that another document's $ref reaches.
    note = "not OpenAPI, Swagger 2.0, Google Discovery or AsyncAPI"
    return RawDoc(source, digest, UNKNOWN_FORMAT, "set_aside", data, version, note)


def _info_version(data: dict[str, Any]) -> str:
    info = data.get("info")
    version = info.get("version") if isinstance(info, dict) else None
    return "" if version is None else str(version)
