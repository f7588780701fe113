"""``twingen new`` as a library call: docs (or a twin's manifest) -> Api -> files on disk.

Regenerating (``force``) over a twin twingen made also says what drifted since then, and writes that into
the twin's ``CHANGELOG.md`` when anything did.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from twingen.diagnostics import Diagnostics
from twingen.generate import drift_report, manifest
from twingen.generate.api_from_docs import api_from_docs
from twingen.generate.drift import Drift, Generation, drift_since, read_generation
from twingen.generate.render import TwinExistsError, WriteReport, check_twin_name, write_twin
from twingen.ir.model import DocInput


@dataclass(frozen=True)
class NewResult:
    diagnostics: Diagnostics
    report: WriteReport | None
    """None when nothing was written (errors, or warnings under ``strict``)."""
    documents: tuple[DocInput, ...] = ()
    """Every input and its role: served, set aside (with why), prose kept for agents, SDK."""
    drift: Drift | None = None
    """What changed since the twin was last generated; None for a new twin (or one without spec and manifest)."""
    changelog: Path | None = None
    """The twin's CHANGELOG.md when a section was added to it (there was drift)."""


def default_twin_dir(name: str, out: Path | None = None) -> Path:
    """``--out DIR`` is the twin's own folder; without it, ``generated/NAME`` under the current folder."""
    return out if out is not None else Path("generated") / name


def new_twin(
    name: str,
    docs: Sequence[str],
    twin_dir: Path,
    *,
    base_dir: Path | None = None,
    force: bool = False,
    strict: bool = False,
    sdks: Sequence[str] = (),
    use_kit: bool = True,
) -> NewResult:
    """Generate (or with ``force`` regenerate) a twin. Empty ``docs`` means: the docs and SDKs in its manifest.

    Raises ``TwinExistsError`` before any work when the folder is taken and ``force`` is false, and
    ``manifest.ManifestError`` when there are no docs and no manifest to take them from.
    """
    check_twin_name(name)
    if twin_dir.exists() and any(twin_dir.iterdir()) and not force:
        raise TwinExistsError(f"{twin_dir} already exists; use --force to regenerate (behaviour/ is kept)")
    if docs:
        base = (base_dir or Path.cwd()).resolve()
    else:
        docs, base = manifest.manifest_docs(twin_dir)
        sdks = manifest.manifest_sdks(twin_dir)
    before: Generation | None = None
    if force:
        with contextlib.suppress(manifest.ManifestError):
            before = read_generation(twin_dir, name)  # read now: writing replaces spec.json and the manifest
    api, diags = api_from_docs(name, docs, base, sdks)
    if api is None or (strict and len(diags)):
        return NewResult(diags, None, api.documents if api else ())
    report = write_twin(api, twin_dir, name=name, docs=docs, base_dir=base, diags=diags, force=force, use_kit=use_kit)
    if before is None:
        return NewResult(diags, report, api.documents)
    drift = drift_since(before, api, manifest.behaviour_folder(twin_dir, name))
    changelog = None
    if drift.has_drift:
        section = drift_report.changelog_section(drift, report.twin_version, datetime.date.today())
        changelog = drift_report.add_changelog_section(twin_dir, section)
    return NewResult(diags, report, api.documents, drift, changelog)
