"""The front half of ingest: ``--docs`` arguments -> one ``LoadedDoc`` per document, plus diagnostics.

Order per served OpenAPI/Swagger document: repair ``$ref``s (bundle relative files, blank remote and
dangling refs), validate (Swagger as 2.0, so warnings point into the file the user has), then convert
Swagger 2.0 to OpenAPI 3.0. Discovery documents pass through as they are; their builder reads them raw.
Between repair and validation every served document is held to ``limits`` (enum length, ``$ref`` chains).

A broken bound or a link leaving the docs folder (``limits.REFUSED``) stops the run at the step that found
it: no documents come back, so nothing is built or written, and later steps never see the hostile input.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from twingen.diagnostics import Diagnostics
from twingen.ingest import limits
from twingen.ingest.loading import UNKNOWN_FORMAT, RawDoc, load_source, parse_document
from twingen.ingest.refs import repair_refs
from twingen.ingest.sources import Source, resolve_sources
from twingen.ingest.swagger2 import convert_swagger2
from twingen.ingest.validation import validate_document
from twingen.ir.model import DocInput

__all__ = ["LoadedDoc", "load_documents"]


@dataclass(frozen=True)
class LoadedDoc:
    """One input document, ready for an IR builder."""

    input: DocInput
    data: dict[str, Any] | None
    """OpenAPI 3.x (Swagger converted, refs repaired) for OpenAPI/Swagger; the raw dict for Discovery;
    None for documents set aside and prose pages."""
    file: Path | None = None
    """Absolute path of the file read (prose pages are copied from here into a twin's ``inputs/``)."""


def load_documents(docs: Sequence[str], base_dir: Path | None = None) -> tuple[list[LoadedDoc], Diagnostics]:
    """Resolve, load, repair, validate and convert every document ``docs`` names (relative to ``base_dir``)."""
    diags = Diagnostics()
    base = (base_dir or Path.cwd()).resolve()
    sources = resolve_sources(docs, base, diags)
    if limits.refused(diags):
        return [], diags
    budget = limits.ReadBudget()
    raws = [raw for raw in (load_source(s, diags, budget) for s in sources) if raw is not None]
    if limits.refused(diags):
        return [], diags
    files = _FileCache({raw.source.path: raw.data for raw in raws if raw.data is not None}, diags, budget)
    brought_in: dict[Path, str] = {}
    prepared: dict[Path, dict[str, Any] | None] = {}
    for raw in raws:
        if raw.role == "served" and raw.format != "discovery-v1":
            files.current = raw.source
            prepared[raw.source.path] = _prepare(raw, files, diags, brought_in)
        elif raw.role == "served" and raw.data is not None:
            limits.check_document(raw.data, raw.format, raw.source.given, diags)
        if limits.refused(diags):
            return [], diags
    loaded = []
    for raw in raws:
        note = raw.note
        if raw.format == UNKNOWN_FORMAT:
            if raw.source.path in brought_in:
                note = f"fragment brought in by a $ref from {brought_in[raw.source.path]}"
            else:
                diags.warn(raw.source.given, "", f"set aside: {raw.note}", "unknown-format")
        if raw.source.package:
            note = "; ".join(n for n in (note, f"from {raw.source.package}") if n)
        data = prepared.get(raw.source.path, raw.data if raw.format == "discovery-v1" else None)
        doc_input = DocInput(
            raw.source.given, raw.source.record_path, raw.sha256, raw.format, raw.role, raw.version, note
        )
        loaded.append(LoadedDoc(doc_input, data, raw.source.path))
    return loaded, diags


def _prepare(raw: RawDoc, files: _FileCache, diags: Diagnostics, brought_in: dict[Path, str]) -> dict[str, Any]:
    assert raw.data is not None  # served documents always carry their data
    given, swagger = raw.source.given, raw.format == "swagger-2.0"
    used = repair_refs(
        raw.data,
        given=given,
        path=raw.source.path,
        root=raw.source.root,
        swagger=swagger,
        diags=diags,
        load_file=files.load,
    )
    for path in sorted(used):
        brought_in.setdefault(path, given)
    if not limits.check_document(raw.data, raw.format, given, diags):
        return raw.data  # refused: the run stops before anything else reads it
    validate_document(raw.data, raw.format, given, diags)
    return convert_swagger2(raw.data, given, diags) if swagger else raw.data


class _FileCache:
    """Parsed files for relative ``$ref``s: documents of the set are reused, others read once."""

    def __init__(self, known: dict[Path, Any], diags: Diagnostics, budget: limits.ReadBudget) -> None:
        self.known = known
        self.diags = diags
        self.budget = budget
        self.current: Source | None = None

    def load(self, path: Path) -> Any:
        if path not in self.known:
            self.known[path] = self._read(path)
        return self.known[path]

    def _read(self, path: Path) -> Any:
        # Name the file the way the user would reach it: beside the document that refers to it.
        name = path.name
        if self.current is not None:
            relative = Path(os.path.relpath(path, self.current.path.parent)).as_posix()
            name = posixpath.normpath(posixpath.join(posixpath.dirname(self.current.given), relative))
        try:
            blob = self.budget.read(path)
        except OSError as exc:
            self.diags.error(name, "", f"cannot read: {exc.strerror or exc}", "unreadable")
            return None
        except limits.TooLarge as exc:
            self.diags.error(name, "", str(exc), limits.TOO_LARGE)
            return None
        return parse_document(blob, name, path.suffix.lower(), self.diags)
