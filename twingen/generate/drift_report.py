"""A ``Drift`` as text (``twingen diff``, ``twingen new --force``), JSON (``diff --json``) and Markdown (the
twin's ``CHANGELOG.md``, which belongs to the user: twingen only adds a section at the top)."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import Any

from twingen.generate.drift import DocumentChange, Drift, OperationChange, SdkChange

CHANGELOG_NAME = "CHANGELOG.md"
_CHANGELOG_TITLE = (
    "# Changelog\n\n"
    "What changed in the twin's inputs at each regeneration (`twingen new NAME --force` writes a section\n"
    "when they changed). This file is yours: twingen only adds sections at the top.\n"
)
_MARK = {"added": "+", "removed": "-", "changed": "~"}
SDK_ONLY = "from the SDK: not in the documents"
"""How an operation only the SDK calls is marked: the documents (often older than the SDK) have no operation for
it, so the twin routes it from the SDK's call and behaviour answers it."""


def drift_data(drift: Drift) -> dict[str, Any]:
    """The JSON form: ``drift`` (bool) and one key per section, every section present."""
    return {
        "name": drift.name,
        "drift": drift.has_drift,
        "documents": [dataclasses.asdict(d) for d in drift.documents],
        "operations": {
            "added": [dataclasses.asdict(op) for op in drift.added],
            "removed": [dataclasses.asdict(op) for op in drift.removed],
            "changed": [
                {"id": c.id, "behaviour": c.behaviour, "changes": {k: list(v) for k, v in c.changes.items()}}
                for c in drift.changed
            ],
        },
        "auth_schemes": list(drift.auth_schemes),
        "sdk_methods": [{**dataclasses.asdict(s), "operations": dict(s.operations)} for s in drift.sdks],
        "behaviour": {"orphaned": list(drift.orphaned), "unserved": list(drift.unserved)},
    }


def drift_text(drift: Drift) -> str:
    """For people: one section per kind of change; one line when there is none."""
    if not drift.has_drift:
        return f"twin {drift.name}: no drift (its inputs give the twin it was made from)\n"
    lines = [f"twin {drift.name}: drift since it was made"]
    if drift.documents:
        lines.append("documents:")
        lines += [f"  {_MARK[d.change]} {_document(d)}" for d in drift.documents]
    if drift.added or drift.removed or drift.changed:
        lines.append(
            f"operations: {len(drift.added)} added, {len(drift.removed)} removed, {len(drift.changed)} changed"
        )
        lines += [f"  + {op.id}  {op.method} {op.path}{_from_sdk(op.source)}" for op in drift.added]
        lines += [f"  - {op.id}  {op.method} {op.path}{_from_sdk(op.source)}" for op in drift.removed]
        for change in drift.changed:
            lines.append(f"  ~ {change.id}{'  (has behaviour: review it)' if change.behaviour else ''}")
            lines += [f"      {aspect}: {'; '.join(what)}" for aspect, what in change.changes.items()]
    if drift.auth_schemes:
        lines.append("auth schemes:")
        lines += [f"  {change}" for change in drift.auth_schemes]
    if drift.sdks:
        lines.append("SDK methods:")
        for sdk in drift.sdks:
            lines.append(f"  {_sdk(sdk)}")
            lines += [f"    + {name}{_calls(sdk, name)}" for name in sdk.added]
            lines += [f"    - {name}" for name in sdk.removed]
    if drift.orphaned or drift.unserved:
        lines.append("behaviour:")
        lines += [f"  serves {op_id}, which no longer exists" for op_id in drift.orphaned]
        lines += [f"  no behaviour for new operation {op_id}" for op_id in drift.unserved]
    return "\n".join(lines) + "\n"


def changelog_section(drift: Drift, version: str, date: datetime.date) -> str:
    """A Keep-a-Changelog section for one regeneration with drift."""
    out = [
        f"## [{version}] - {date.isoformat()}",
        "",
        f"Regenerated from changed inputs (`twingen new {drift.name} --force`).",
        "",
    ]
    if drift.documents:
        out += ["### Inputs", *(f"- {d.change} {_document(d, '`')}" for d in drift.documents), ""]
    if drift.added or drift.removed or drift.changed:
        out.append("### Operations")
        out += [f"- added `{op.id}` ({op.method} {op.path}{_sdk_note(op.source)})" for op in drift.added]
        out += [f"- removed `{op.id}` ({op.method} {op.path})" for op in drift.removed]
        out += [_changed_item(change) for change in drift.changed]
        out.append("")
    if drift.auth_schemes:
        out += ["### Auth schemes", *(f"- {change}" for change in drift.auth_schemes), ""]
    if drift.sdks:
        out.append("### SDK methods")
        for sdk in drift.sdks:
            out.append(f"- {_sdk(sdk)}")
            out += [f"  - added `{name}`{_calls(sdk, name)}" for name in sdk.added]
            out += [f"  - removed `{name}`" for name in sdk.removed]
        out.append("")
    if drift.orphaned or drift.unserved:
        out.append("### Behaviour to look at")
        out += [f"- serves `{op_id}`, which no longer exists" for op_id in drift.orphaned]
        out += [f"- no behaviour for new operation `{op_id}`" for op_id in drift.unserved]
        out.append("")
    return "\n".join(out)


def add_changelog_section(twin_dir: Path, section: str) -> Path:
    """Put ``section`` above the newest section of the twin's CHANGELOG.md (below its title), creating the file."""
    path = twin_dir / CHANGELOG_NAME
    text = path.read_text(encoding="utf-8") if path.is_file() else _CHANGELOG_TITLE
    first = 0 if text.startswith("## ") else text.find("\n## ") + 1
    if first > 0:
        head, tail = text[:first], text[first:]
    else:  # no section yet: below a title, else above whatever the file holds
        head, tail = (text, "") if text.startswith("# ") else ("", text)
    head = head.rstrip("\n") + "\n\n" if head.strip() else ""
    tail = "\n" + tail.lstrip("\n") if tail.strip() else ""
    path.write_text(head + section.rstrip("\n") + "\n" + tail, encoding="utf-8")
    return path


def _document(change: DocumentChange, quote: str = "") -> str:
    label = f"{quote}{change.given}{quote}" + (" (SDK)" if change.kind == "sdk" else "")
    parts = []
    if change.old_version != change.new_version:
        parts.append(f"version {change.old_version or '-'} -> {change.new_version or '-'}")
    if change.old_sha256 != change.new_sha256:
        parts.append(f"sha256 {change.old_sha256[:12] or '-'} -> {change.new_sha256[:12] or '-'}")
    if change.old_role != change.new_role:
        parts.append(f"role {change.old_role or '-'} -> {change.new_role or '-'}")
    return f"{label}: {', '.join(parts)}" if parts else label


def _sdk(sdk: SdkChange) -> str:
    versions = (
        sdk.new_version
        if sdk.old_version == sdk.new_version
        else f"{sdk.old_version or '-'} -> {sdk.new_version or '-'}"
    )
    if sdk.by_name:
        return f"{sdk.given} {versions}: {len(sdk.added)} added, {len(sdk.removed)} removed"
    return (
        f"{sdk.given} {versions}: {sdk.old_count} -> {sdk.new_count} methods (the manifest has no method names; "
        f"operations only the SDK calls: {len(sdk.added)} added, {len(sdk.removed)} removed)"
    )


def _calls(sdk: SdkChange, name: str) -> str:
    # ``operations`` holds only the operations the SDK alone knows: the documents have none for this method
    return f" (calls {sdk.operations[name]}, which the documents lack)" if name in sdk.operations else ""


def _from_sdk(source: str) -> str:
    return f"  ({SDK_ONLY})" if source == "sdk" else ""


def _sdk_note(source: str) -> str:
    return f"; {SDK_ONLY}" if source == "sdk" else ""


def _changed_item(change: OperationChange) -> str:
    what = "; ".join(f"{aspect}: {', '.join(items)}" for aspect, items in change.changes.items())
    return f"- changed `{change.id}`{' (has behaviour: review it)' if change.behaviour else ''}: {what}"
