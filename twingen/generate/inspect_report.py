"""What ``twingen inspect`` shows: the twin an Api would become, as data (``--json``) or text."""

from __future__ import annotations

from collections import Counter
from typing import Any

from twingen import kits
from twingen.diagnostics import Diagnostics
from twingen.ir.model import Api

GENERIC_ERROR_ENVELOPE = '{"error": CODE, "message": ...}'


def _error_envelope(vendor: str) -> str:
    kit = kits.kit_named(vendor)
    return kit.error_envelope if kit else GENERIC_ERROR_ENVELOPE


def inspect_data(api: Api | None, diags: Diagnostics) -> dict[str, Any]:
    """Operations, resources (with reasons and op -> role), auth, conventions and every diagnostic."""
    data: dict[str, Any] = {"diagnostics": [_diagnostic(d) for d in diags]}
    if api is None:
        return data
    roles = {op_id: (res.name, role) for res in api.resources for op_id, role in res.operations.items()}
    data["api"] = {"name": api.name, "title": api.title, "version": api.version, "vendor": api.vendor}
    data["documents"] = [
        {"given": d.given, "format": d.format, "role": d.role, "version": d.version, "note": d.note}
        for d in api.documents
    ]
    data["operations"] = [
        {
            "id": op.id,
            "method": op.method,
            "also_methods": list(op.also_methods),
            "path": op.path,
            "resource": roles.get(op.id, ("", ""))[0],
            "role": roles.get(op.id, ("", ""))[1],
            "paging": op.paging.style if op.paging else "",
            "auth": list(op.auth),
            "errors": [e.code for e in op.errors],
        }
        for op in api.operations
    ]
    data["resources"] = [
        {
            "name": r.name,
            "collection_path": r.collection_path,
            "id_param": r.id_param,
            "id_field": r.id_field,
            "parent": r.parent,
            "schema": r.schema,
            "confident": r.confident,
            "operations": dict(r.operations),
            "reasons": list(r.reasons),
        }
        for r in api.resources
    ]
    data["auth_schemes"] = [
        {"name": a.name, "kind": a.kind, "location": a.location, "param_name": a.param_name, "prefix": a.prefix}
        for a in api.auth_schemes
    ]
    paging = Counter(op.paging.style for op in api.operations if op.paging)
    data["conventions"] = {
        "error_envelope": _error_envelope(api.vendor),
        "paging": dict(sorted(paging.items())),
    }
    return data


def _diagnostic(d: Any) -> dict[str, str]:
    return {"level": d.level, "file": d.file, "pointer": d.pointer, "message": d.message, "code": d.code}


def inspect_text(data: dict[str, Any]) -> str:
    """A plain-text rendering of ``inspect_data`` for people."""
    lines: list[str] = []
    api = data.get("api")
    if api:
        lines.append(f"{api['title']} {api['version']} (vendor profile {api['vendor']})")
        lines += [
            f"  doc {d['given']}: {d['format']}, {d['role']}{' - ' + d['note'] if d['note'] else ''}"
            for d in data["documents"]
        ]
        lines.append(f"\nOperations ({len(data['operations'])}):")
        for op in data["operations"]:
            extra = [
                f"{op['role']} {op['resource']}" if op["resource"] else "",
                op["paging"] and f"paging {op['paging']}",
            ]
            lines.append(f"  {op['method']:7} {op['path']}  {op['id']}  {' '.join(e for e in extra if e)}".rstrip())
        lines.append(f"\nResources ({len(data['resources'])}):")
        for res in data["resources"]:
            state = "confident -> inferred CRUD" if res["confident"] else "not confident -> stubs"
            lines.append(f"  {res['name']} at {res['collection_path']} id {res['id_param']} ({state})")
            lines += [f"    {role:8} {op_id}" for op_id, role in res["operations"].items()]
            lines += [f"    because {reason}" for reason in res["reasons"]]
        lines.append(f"\nAuth schemes ({len(data['auth_schemes'])}):")
        lines += [f"  {a['name']}: {a['kind']} in {a['location']} {a['param_name']}" for a in data["auth_schemes"]]
        conv = data["conventions"]
        paging = ", ".join(f"{k} ({v} ops)" for k, v in conv["paging"].items()) or "none"
        lines += ["\nConventions:", f"  errors: {conv['error_envelope']}", f"  paging: {paging}"]
    diags = data["diagnostics"]
    lines.append(f"\nDiagnostics ({len(diags)}):")
    for d in diags:
        where = f"{d['file']}#{d['pointer']}" if d["pointer"] else d["file"]
        lines.append(f"  {d['level']}: {where}: {d['message']}" + (f" [{d['code']}]" if d["code"] else ""))
    return "\n".join(lines).lstrip("\n") + "\n"
