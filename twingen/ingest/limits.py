"""Bounds on what ingest reads and builds, so a hostile document is refused quickly with a located error.

Each bound is far above what the real vendor documents in ``../shared/api_docs`` need (measured: GitHub's
13 MB JSON, the largest, holds about 260,000 values; no document uses a YAML alias or merge key; no
``$ref`` points at another ``$ref``; the longest enum is Stripe's, 598 values):

- ``MAX_DOCUMENT_BYTES`` (64 MiB) per file, and ``MAX_TOTAL_BYTES`` (256 MiB) for everything one run reads.
  Prose pages are copied into a twin's ``inputs/``, so this is also what a run may write there.
- ``MAX_ALIAS_VALUES``: YAML aliases and merge keys (``<<``) may add at most a million values to what the
  document spells out. A 600-byte alias bomb otherwise becomes hundreds of millions of values.
  An alias inside the mapping or list it names (a cycle) is refused outright: nothing downstream is a graph.
- ``MAX_REF_CHAIN``: a ``$ref`` whose target is itself a ``$ref`` (and so on) at most 64 deep.
- ``MAX_REF_STEPS``: following every ``$ref`` of a document to its end takes at most a million steps.
- ``MAX_ENUM_VALUES``: an enum longer than 10,000 values is dropped with a located warning, not refused:
  it only narrows which values the twin accepts, so without it the twin still serves (accepting any value
  of the declared type there), and one oversized field should not cost the whole twin.

Breaking any other bound is an error with a code in ``REFUSED``: the pipeline then builds nothing from any
of the documents, so no twin is written from a partial or truncated reading.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from twingen.diagnostics import Diagnostics, pointer
from twingen.ingest.refs import LinkedPath, iter_objects, resolve_pointer, split_ref, unwind

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_ALIAS_VALUES = 1_000_000
MAX_REF_CHAIN = 64
MAX_REF_STEPS = 1_000_000
MAX_ENUM_VALUES = 10_000

TOO_LARGE = "too-large"
ALIAS_EXPANSION = "alias-expansion"
REF_CHAIN = "ref-chain"
TOO_MANY_REFS = "too-many-refs"
LINK_OUTSIDE = "link-outside"
ENUM_TOO_LONG = "enum-too-long"
REFUSED = frozenset({TOO_LARGE, ALIAS_EXPANSION, REF_CHAIN, TOO_MANY_REFS, LINK_OUTSIDE})
"""Error codes that stop the whole run: nothing is built from any document."""


def refused(diags: Diagnostics) -> bool:
    """Whether a bound was broken (or a link left the docs folder) anywhere in this run."""
    return any(d.code in REFUSED for d in diags.errors)


class TooLarge(Exception):
    """A file (or the run's reading so far) is over its byte bound; the message says which."""


@dataclass
class ReadBudget:
    """Bytes read so far in one run, against ``MAX_TOTAL_BYTES``."""

    used: int = 0

    def read(self, path: Path) -> bytes:
        """The file's bytes; ``TooLarge`` past either bound, having read at most one byte past it."""
        allowed = min(MAX_DOCUMENT_BYTES, MAX_TOTAL_BYTES - self.used)
        with path.open("rb") as handle:
            # The size first, so a huge file is refused unread; then a bounded read, since a file that grows
            # (or is not a regular file) has no honest size.
            size = os.fstat(handle.fileno()).st_size
            blob = b"" if size > allowed else handle.read(allowed + 1)
        size = max(size, len(blob))
        if size > MAX_DOCUMENT_BYTES:
            raise TooLarge(f"{size:,} bytes; a document may be at most {_mib(MAX_DOCUMENT_BYTES)}; refused")
        if size > allowed:
            raise TooLarge(
                f"{size:,} bytes would take this run past {_mib(MAX_TOTAL_BYTES)} of documents in all "
                f"({self.used:,} bytes read before it); refused"
            )
        self.used += len(blob)
        return blob


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MiB"


@dataclass(frozen=True)
class AliasFinding:
    """Why a parsed YAML document is refused, and where."""

    tokens: tuple[str | int, ...]
    message: str


def alias_expansion(data: Any) -> AliasFinding | None:
    """None when ``data`` read as a tree adds at most ``MAX_ALIAS_VALUES`` values to those written out.

    YAML aliases make one mapping or list appear in several places; every later step (``$ref`` repair,
    validation, ``spec.json``) walks the tree, so each appearance costs in full. Sizes are counted per
    distinct object (memoised), so the count itself costs one pass however large the expansion.
    """
    if not isinstance(data, (dict, list)):
        return None
    sizes: dict[int, int] = {}  # id -> values in the tree under it, aliases expanded
    on_path: set[int] = set()
    written = 0
    # (node, path, done): the node is expanded on its first visit and summed up once its children are
    stack: list[tuple[Any, Any, bool]] = [(data, None, False)]
    while stack:
        node, path, done = stack.pop()
        if done:
            values = node.values() if isinstance(node, dict) else node
            scalars = sum(1 for v in values if not isinstance(v, (dict, list)))
            sizes[id(node)] = 1 + scalars + sum(sizes[id(v)] for v in values if isinstance(v, (dict, list)))
            written += 1 + scalars
            on_path.discard(id(node))
            continue
        if id(node) in sizes:
            continue
        if id(node) in on_path:
            message = "a YAML alias here names a mapping or list that contains it (a cycle); refused"
            return AliasFinding(unwind(path), message)
        on_path.add(id(node))
        stack.append((node, path, True))
        children = node.items() if isinstance(node, dict) else enumerate(node)
        stack.extend(reversed([(v, (path, k), False) for k, v in children if isinstance(v, (dict, list))]))
    expanded = sizes[id(data)]
    if expanded - written <= MAX_ALIAS_VALUES:
        return None
    where, node = _largest_mapping_path(data, sizes)
    message = (
        f"YAML aliases repeat parts of the document until it holds {expanded:,} values, {expanded - written:,} "
        f"more than it spells out (at most {MAX_ALIAS_VALUES:,} more are allowed); {sizes[id(node)]:,} of them "
        "are here; refused"
    )
    return AliasFinding(where, message)


def _largest_mapping_path(data: Any, sizes: dict[int, int]) -> tuple[tuple[str | int, ...], Any]:
    """Follow the largest child through mappings, stopping at the list (or small mapping) that multiplies."""
    tokens: list[str | int] = []
    node = data
    while isinstance(node, dict):
        sized = [(sizes[id(v)], k, v) for k, v in node.items() if isinstance(v, (dict, list))]
        if not sized:
            break
        size, key, child = max(sized, key=lambda item: item[0])
        if size <= MAX_ALIAS_VALUES:
            break
        tokens.append(key)
        node = child
    return tuple(tokens), node


def check_document(data: dict[str, Any], fmt: str, given: str, diags: Diagnostics) -> bool:
    """Drop over-long enums (warnings) and check ``$ref`` chains (errors) in one served document.

    Run after ``$ref`` repair, before validation. False when the document is refused.
    """
    objects = [(node, path) for node, path, in_data in iter_objects(data, fmt == "swagger-2.0") if not in_data]
    drop_long_enums(objects, given, diags)
    sites = [(ref, path) for node, path in objects if isinstance(ref := node.get("$ref"), str)]
    if fmt == "discovery-v1":  # ``$ref`` holds a bare schema name
        schemas = data.get("schemas")
        named = schemas if isinstance(schemas, dict) else {}
        return check_ref_chains(sites, named.get, given, diags)
    return check_ref_chains([s for s in sites if s[0].startswith("#")], lambda ref: _local(data, ref), given, diags)


def _local(data: Any, ref: str) -> Any:
    try:
        return resolve_pointer(data, split_ref(ref)[1])
    except (LookupError, ValueError):
        return None


def drop_long_enums(objects: Iterable[tuple[dict[str, Any], LinkedPath]], given: str, diags: Diagnostics) -> int:
    """Drop (with a located warning) every enum longer than ``MAX_ENUM_VALUES``; return how many."""
    dropped = 0
    for node, path in objects:
        values = node.get("enum")
        if isinstance(values, list) and len(values) > MAX_ENUM_VALUES:
            del node["enum"]
            node.pop("enumDescriptions", None)  # Discovery's descriptions, one per value
            dropped += 1
            diags.warn(
                given,
                pointer(*unwind(path), "enum"),
                f"enum of {len(values):,} values is longer than {MAX_ENUM_VALUES:,}; dropped, so the twin "
                "accepts any value of the declared type here",
                ENUM_TOO_LONG,
            )
    return dropped


def check_ref_chains(
    sites: Iterable[tuple[str, LinkedPath]], target: Callable[[str], Any], given: str, diags: Diagnostics
) -> bool:
    """False (with a located error) when a ``$ref`` chain is too deep or following every ref costs too much.

    A chain is a ``$ref`` whose target is an object with a ``$ref`` of its own, and so on. ``target`` gives
    the object a ref names (None for nothing). Lengths are memoised per ref, so the check costs one pass
    over the refs plus one step per distinct ref, however long the chains.
    """
    length: dict[str, int] = {}
    steps = 0
    over_budget: LinkedPath | None = None
    longest: tuple[int, LinkedPath, str] | None = None
    too_long = 0
    for ref, path in sites:
        chain = _chain_length(ref, target, length)
        steps += chain
        if steps > MAX_REF_STEPS and over_budget is None:
            over_budget = path
        if chain > MAX_REF_CHAIN:
            too_long += 1
            if longest is None or chain > longest[0]:
                longest = (chain, path, ref)
    if longest is not None:
        chain, path, ref = longest
        others = f"; {too_long - 1:,} other $refs start chains over the limit" if too_long > 1 else ""
        diags.error(
            given,
            pointer(*unwind(path)),
            f"$ref {ref!r} starts a chain of {chain:,} $refs to $refs (at most {MAX_REF_CHAIN} are followed)"
            f"{others}; refused",
            REF_CHAIN,
        )
        return False
    if over_budget is not None:
        diags.error(
            given,
            pointer(*unwind(over_budget)),
            f"following every $ref of the document to its end takes {steps:,} steps, more than "
            f"{MAX_REF_STEPS:,}; refused",
            TOO_MANY_REFS,
        )
        return False
    return True


def _chain_length(ref: str, target: Callable[[str], Any], length: dict[str, int]) -> int:
    """How many refs are followed from ``ref`` to an object that is not a ref (a cycle ends the chain)."""
    path: list[str] = []
    on_path: set[str] = set()
    while ref not in length and ref not in on_path:
        path.append(ref)
        on_path.add(ref)
        node = target(ref)
        inner = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(inner, str):
            break
        ref = inner
    base = 0 if ref in on_path else length[ref]
    for i, seen in enumerate(reversed(path), start=1):
        length[seen] = base + i
    return length[path[0]] if path else length[ref]
