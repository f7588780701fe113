"""Merge the parts of one or more documents into one ``Api`` and run the inference passes.

Several documents make one twin (Jira platform + agile; Google Drive + Sheets + Docs). Their schema
names, operation ids, Python names and auth scheme names can collide: same content is shared, different
content gets a deterministic new name (later documents yield to earlier ones) with a located warning, and
every reference is rewritten to match.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from twingen.diagnostics import Diagnostics, escape_pointer_token, pointer
from twingen.ir import schemarefs
from twingen.ir.model import Api, AuthScheme, DocInput, JsonSchema, Operation
from twingen.ir.names import NameAllocator, python_identifier
from twingen.ir.paging import infer_paging
from twingen.ir.parts import ApiParts
from twingen.ir.resources import infer_resources
from twingen.kits import ir_rules, recognise

_PREFIX = schemarefs.COMPONENT_PREFIX


def assemble(name: str, parts: Sequence[ApiParts], documents: Sequence[DocInput], diags: Diagnostics) -> Api:
    """One Api from the parts of every served document, with vendor, paging and resources inferred."""
    schemas, schema_renames = _merge_schemas(parts, diags)
    auth_schemes, auth_renames = _merge_auth(parts, diags)
    vendor, _ = recognise(parts)
    operations = _merge_operations(parts, schema_renames, auth_renames, diags)
    api_keys = tuple(s.name for s in auth_schemes if s.kind == "apikey")
    operations = [_with_inferences(op, schemas, vendor, api_keys) for op in operations]
    first = parts[0] if parts else ApiParts()
    return Api(
        name=name,
        title=first.title,
        version=first.version,
        vendor=vendor,
        base_url=first.base_url,
        operations=tuple(operations),
        schemas=schemas,
        auth_schemes=auth_schemes,
        resources=infer_resources(operations, schemas, vendor),
        documents=tuple(documents),
        description=first.description,
    )


def _with_inferences(
    op: Operation, schemas: Mapping[str, JsonSchema], vendor: str, api_keys: tuple[str, ...] = ()
) -> Operation:
    rules = ir_rules(vendor)
    if rules.any_method and not op.also_methods and op.method in ("GET", "POST"):
        # the document lists one verb per method, but the vendor accepts GET and POST for every one
        op = replace(op, also_methods=("POST",) if op.method == "GET" else ("GET",))
    if op.auth and any(op.path.startswith(prefix) for prefix in rules.api_key_paths):
        # the document lists OAuth only here, but the vendor takes its API keys on every such operation
        op = replace(op, auth=op.auth + tuple(key for key in api_keys if key not in op.auth))
    if op.paging is None:
        paging = infer_paging(op, schemas, vendor)
        if paging is not None:
            op = replace(op, paging=paging)
    return op


def _merge_schemas(parts: Sequence[ApiParts], diags: Diagnostics) -> tuple[dict[str, JsonSchema], list[dict[str, str]]]:
    """All schemas by name (sorted), and per part the renames its own references need."""
    allocator = NameAllocator({n for part in parts for n in part.schemas})
    merged: dict[str, JsonSchema] = {}
    all_renames: list[dict[str, str]] = []
    for part in parts:
        renames: dict[str, str] = {}
        current: Mapping[str, JsonSchema] = part.schemas
        # Renaming one schema changes the content of every schema that refers to it, which can make
        # those differ from their namesakes too: repeat until nothing new collides.
        while True:
            clashing = sorted(n for n, s in current.items() if n in merged and n not in renames and merged[n] != s)
            if not clashing:
                break
            for old in clashing:
                renames[old] = allocator.allocate(old)
                diags.warn(
                    part.source,
                    pointer("components", "schemas", old),
                    f"schema {old!r} differs from one of the same name in an earlier document; "
                    f"renamed {renames[old]!r}",
                    "schema-renamed",
                )
            rename = _ref_renamer(renames)
            current = {n: schemarefs.rewrite_refs(s, rename) for n, s in part.schemas.items()}
        for schema_name, schema in current.items():
            merged.setdefault(renames.get(schema_name, schema_name), schema)
        all_renames.append(renames)
    return {n: merged[n] for n in sorted(merged)}, all_renames


def _ref_renamer(renames: Mapping[str, str]) -> Callable[[str], str]:
    def rename(ref: str) -> str:
        if not ref.startswith(_PREFIX):
            return ref
        token, sep, rest = ref[len(_PREFIX) :].partition("/")
        old = token.replace("~1", "/").replace("~0", "~")
        return _PREFIX + escape_pointer_token(renames[old]) + sep + rest if old in renames else ref

    return rename


def _merge_auth(parts: Sequence[ApiParts], diags: Diagnostics) -> tuple[tuple[AuthScheme, ...], list[dict[str, str]]]:
    allocator = NameAllocator({s.name for part in parts for s in part.auth_schemes})
    merged: dict[str, AuthScheme] = {}
    all_renames: list[dict[str, str]] = []
    for part in parts:
        renames: dict[str, str] = {}
        for scheme in part.auth_schemes:
            if scheme.name in merged and merged[scheme.name] != scheme:
                renames[scheme.name] = allocator.allocate(scheme.name)
                diags.warn(
                    part.source,
                    pointer("components", "securitySchemes", scheme.name),
                    f"auth scheme {scheme.name!r} differs from one of the same name in an earlier document; "
                    f"renamed {renames[scheme.name]!r}",
                    "auth-scheme-renamed",
                )
                scheme = replace(scheme, name=renames[scheme.name])
            merged.setdefault(scheme.name, scheme)
        all_renames.append(renames)
    return tuple(merged.values()), all_renames


def _merge_operations(
    parts: Sequence[ApiParts],
    schema_renames: Sequence[Mapping[str, str]],
    auth_renames: Sequence[Mapping[str, str]],
    diags: Diagnostics,
) -> list[Operation]:
    ids, python_names = NameAllocator(), NameAllocator()
    operations: list[Operation] = []
    for part, s_renames, a_renames in zip(parts, schema_renames, auth_renames, strict=True):
        rename = _ref_renamer(s_renames)
        for op in part.operations:
            op_id = ids.allocate(op.id)
            if op_id != op.id:
                diags.warn(
                    op.origin.file or part.source,
                    op.origin.pointer,
                    f"operation id {op.id!r} is already used by an earlier document; this one is {op_id!r}",
                    "duplicate-operation-id",
                )
            # Builders name operations python_identifier(id) per document; naming again from the final id
            # over all documents keeps one doc's ``_2`` suffixes from stacking up (``get_issue_2_2``).
            python_name = python_names.allocate(python_identifier(op_id, "operation"))
            op = replace(op, id=op_id, python_name=python_name)
            if s_renames:
                op = _rewrite_operation(op, rename)
            if a_renames:
                op = replace(op, auth=tuple(a_renames.get(a, a) for a in op.auth))
            operations.append(op)
    return operations


def _rewrite_operation(op: Operation, rename: Callable[[str], str]) -> Operation:
    def schema(value: Any) -> Any:
        return schemarefs.rewrite_refs(value, rename) if value is not None else None

    return replace(
        op,
        parameters=tuple(replace(p, schema=schema(p.schema)) for p in op.parameters),
        request_body=replace(op.request_body, schema=schema(op.request_body.schema)) if op.request_body else None,
        responses=tuple(replace(r, schema=schema(r.schema)) for r in op.responses),
    )
