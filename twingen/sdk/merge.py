"""Merge an SDK surface into the IR: add what the docs lack, report where docs and SDK disagree.

The SDK is the compatibility target, so an operation it calls that the docs do not list is added (with
``Origin(source="sdk")`` pointing at the SDK method); where both know an operation, the docs stay the
source of truth and each disagreement (verb, parameter names, required flags) becomes a warning located
at the doc operation, code ``sdk-disagrees``.

Matching: Slack (``rpc``) and Google (``discovery``) by operation id; Okta and Jira (``rest``) by verb and
path template with placeholder names ignored (``{userId}`` is ``{id}``) and Jira's API version folded
(``/rest/api/2/`` is ``/rest/api/3/``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from typing import Any

from twingen import kits
from twingen.diagnostics import Diagnostics
from twingen.ir.model import Api, Operation, Origin, Paging, Parameter, ParamLocation, RequestBody
from twingen.ir.names import NameAllocator, python_identifier, snake_case
from twingen.sdk.surface import SdkMethod, SdkParam, SdkSurface

CODE = "sdk-disagrees"
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_JIRA_VERSION = re.compile(r"^/rest/api/(?:2|3|latest)/")
_IR_LOCATIONS: dict[str, ParamLocation] = {"path": "path", "query": "query", "header": "header", "form": "form"}
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def merge_surface(api: Api, surface: SdkSurface, diags: Diagnostics) -> Api:
    """``api`` with the operations only the SDK knows added; disagreements appended to ``diags``."""
    by_key: dict[str, list[SdkMethod]] = {}
    for method in surface.methods:
        if surface.main_client and method.client not in ("", surface.main_client):
            continue  # another client's API (slack_sdk's SCIMClient): not an operation of this document
        if method.operation:
            by_key.setdefault(_key(surface, method.http_verb, method.path, method.operation), []).append(method)
    docs = _doc_index(api, surface)
    doc_paths = {_norm(op.path): op for op in api.operations}

    names = NameAllocator({op.python_name for op in api.operations})
    ids = {op.id for op in api.operations}
    added: list[Operation] = []
    for key, methods in by_key.items():
        method = methods[0]
        doc = docs.get(key)
        if doc is not None:
            _compare(api, doc, method, surface, diags)
            continue
        same_path = doc_paths.get(_norm(method.path)) if surface.style == "rest" else None
        if same_path is not None:
            verbs = sorted({o.method for o in api.operations if _norm(o.path) == _norm(method.path)})
            _warn(
                diags,
                same_path,
                f"{surface.package} {method.name} calls {method.http_verb} {method.path}; "
                f"the docs list only {', '.join(verbs)} there (added from the SDK)",
            )
        op = _new_operation(api, surface, method, _merged_params(methods), names, ids)
        ids.add(op.id)
        added.append(op)
    return dataclasses.replace(api, operations=api.operations + tuple(added))


def _key(surface: SdkSurface, verb: str, path: str, operation: str) -> str:
    return f"{verb.upper()} {_norm(path)}" if surface.style == "rest" else operation


def _norm(path: str) -> str:
    path = _JIRA_VERSION.sub("/rest/api/*/", path.split("?", 1)[0])
    return _PLACEHOLDER.sub("{}", path).rstrip("/") or "/"


def _doc_index(api: Api, surface: SdkSurface) -> dict[str, Operation]:
    index: dict[str, Operation] = {}
    for op in api.operations:
        for verb in (op.method, *op.also_methods):
            index.setdefault(_key(surface, verb, op.path, op.id), op)
    return index


def _merged_params(methods: list[SdkMethod]) -> tuple[SdkParam, ...]:
    """Parameters of every SDK method reaching one operation, first occurrence of each name kept."""
    seen: dict[str, SdkParam] = {}
    for method in methods:
        for param in method.params:
            seen.setdefault(param.name, param)
    return tuple(seen.values())


# -- disagreements ---------------------------------------------------------------------------------


def _compare(api: Api, doc: Operation, method: SdkMethod, surface: SdkSurface, diags: Diagnostics) -> None:
    who = f"{surface.package} {method.name}"
    if method.http_verb and method.http_verb not in (doc.method, *doc.also_methods):
        listed = ", ".join((doc.method, *doc.also_methods))
        _warn(diags, doc, f"{who} sends {method.http_verb}; the docs list {listed}")
    if surface.style == "discovery" and _norm(method.path) != _norm(doc.path):
        _warn(diags, doc, f"{who} calls path {method.path}; the docs serve {doc.path}")

    ignored = _auth_names(api)
    doc_params = {
        p.name: p.required for p in doc.parameters if p.location != "header" and p.name.lower() not in ignored
    }
    if not any(p.location == "body" for p in method.params):
        # An SDK taking the whole body as one argument (okta's model objects) has no field names to compare.
        doc_params.update((n, r) for n, r in _body_fields(api, doc).items() if n.lower() not in ignored)
    compared = {"query", "form", "json"} if surface.style == "rest" else {"path", "query", "form", "json"}
    sdk_params = {p.name: p for p in method.params if p.location in compared and p.name.lower() not in ignored}
    if surface.style == "rest":
        # Path placeholders are matched by position, not name; only their count can disagree.
        doc_params = {n: r for n, r in doc_params.items() if n not in _path_names(doc)}

    unknown = sorted(set(sdk_params) - set(doc_params))
    if unknown:
        _warn(diags, doc, f"{who} sends parameters the docs do not define: {', '.join(unknown)}")
    required = []
    for name, param in sorted(sdk_params.items()):
        if name in doc_params and doc_params[name] != param.required:
            state = "requires it; the docs do not" if param.required else "makes it optional; the docs require it"
            required.append(f"{name} ({who} {state})")
    sdk_named = {p.name for p in method.params}
    required += [
        f"{name} (the docs require it; {who} does not take it)"
        for name, is_required in sorted(doc_params.items())
        if is_required and name not in sdk_named
    ]
    sdk_body = [p for p in method.params if p.location == "body"]
    if sdk_body and doc.request_body is not None and sdk_body[0].required != doc.request_body.required:
        state = "requires it; the docs do not" if sdk_body[0].required else "makes it optional; the docs require it"
        required.append(f"request body ({who} {state})")
    if required:
        _warn(diags, doc, "required flags differ: " + "; ".join(required))


def _auth_names(api: Api) -> set[str]:
    """Credential parameters (Slack ``token``): the SDK carries them as client configuration, not arguments."""
    return {s.param_name.lower() for s in api.auth_schemes if s.location != "header"} | {"token"}


def _path_names(op: Operation) -> set[str]:
    return {p.name for p in op.parameters if p.location == "path"}


def _body_fields(api: Api, op: Operation) -> dict[str, bool]:
    """Top-level fields of the documented request body (one ``$ref`` followed), with their required flag."""
    if op.request_body is None:
        return {}
    schema: Mapping[str, Any] = op.request_body.schema
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
        schema = api.schemas.get(ref.rsplit("/", 1)[-1], {})
    props = schema.get("properties", {})
    required = set(schema.get("required", ()))
    return {name: name in required for name in props} if isinstance(props, Mapping) else {}


def _warn(diags: Diagnostics, doc: Operation, message: str) -> None:
    diags.warn(doc.origin.file, doc.origin.pointer, message, CODE)


# -- additions -------------------------------------------------------------------------------------


def _new_operation(
    api: Api,
    surface: SdkSurface,
    method: SdkMethod,
    params: tuple[SdkParam, ...],
    names: NameAllocator,
    ids: set[str],
) -> Operation:
    origin = Origin(file=method.file, pointer=method.pointer or method.name, source="sdk")
    auth = (api.auth_schemes[0].name,) if api.auth_schemes else ()
    summary = f"Called by {surface.package} {method.name}; not in the docs."
    if surface.style == "rpc":
        # Slack takes every argument as a form field, a query parameter or a JSON field, by GET or POST.
        fields = [p for p in params if p.location != "header" and p.name.lower() not in _auth_names(api)]
        return Operation(
            id=method.operation,
            python_name=names.allocate(python_identifier(method.operation, fallback="op")),
            method="POST",
            path=f"/api/{method.operation}",
            also_methods=("GET",),
            parameters=tuple(_parameter(p.name, "form", p.required) for p in fields),
            paging=_paging(surface, params) if method.paginates else None,
            auth=auth,
            summary=summary,
            origin=origin,
        )
    path, renames = _safe_placeholders(method.path)
    op_id = method.operation if surface.style == "discovery" else _rest_id(surface, method, ids)
    parameters = []
    for p in params:
        if p.location in ("path", "query", "header", "form"):
            name = renames.get(p.name, p.name)
            parameters.append(_parameter(name, p.location, p.required or p.location == "path"))
    return Operation(
        id=op_id,
        python_name=names.allocate(python_identifier(op_id, fallback="op")),
        method=method.http_verb,
        path=path,
        parameters=tuple(parameters),
        request_body=_body(params),
        paging=_paging(surface, params) if method.paginates else None,
        auth=auth,
        summary=summary,
        origin=origin,
    )


def _parameter(name: str, location: str, required: bool) -> Parameter:
    loc = _IR_LOCATIONS.get(location, "form")
    return Parameter(name=name, python_name=python_identifier(name, fallback="param"), location=loc, required=required)


def _body(params: Iterable[SdkParam]) -> RequestBody | None:
    fields = [p for p in params if p.location == "json"]
    whole = [p for p in params if p.location == "body"]
    if not fields and not whole:
        return None
    schema: dict[str, Any] = {"type": "object"}
    if fields:
        schema["properties"] = {p.name: {} for p in fields}
    return RequestBody(("application/json",), schema, required=any(p.required for p in [*fields, *whole]))


def _paging(surface: SdkSurface, params: tuple[SdkParam, ...]) -> Paging:
    names = {p.name for p in params}
    if surface.style == "rpc":
        limit = "limit" if "limit" in names else ""
        return Paging("cursor", "cursor", limit, "response_metadata.next_cursor")
    if "pageToken" in names:
        return Paging("page_token", "pageToken", "pageSize" if "pageSize" in names else "", "nextPageToken")
    if "nextPageToken" in names:  # jira's enhanced search takes the token under the response's name
        return Paging("page_token", "nextPageToken", "maxResults", "nextPageToken")
    if "startAt" in names:
        return Paging("offset", "startAt", "maxResults", response_total="total")
    return Paging("link", "after", "limit" if "limit" in names else "")


def _safe_placeholders(path: str) -> tuple[str, dict[str, str]]:
    """Jira's positional ``{0}`` is not a usable parameter name: ``{0}`` -> ``{id_0}``."""
    renames: dict[str, str] = {}
    for placeholder in _PLACEHOLDER.findall(path):
        name = placeholder[1:-1]
        if not _IDENTIFIER.match(name):
            renames[name] = python_identifier(name, fallback="id")
            path = path.replace(placeholder, "{" + renames[name] + "}")
    return path, renames


def _rest_id(surface: SdkSurface, method: SdkMethod, ids: set[str]) -> str:
    """An operationId for an SDK-only REST operation: ``list_users`` -> ``listUsers`` where the kit says the SDK's
    generator snake-cased camelCase operation ids (so this restores them), else the method name as it is."""
    words = snake_case(method.name).split("_")
    found = kits.kit_for_sdk(surface.package)
    camel = found is not None and found[1].camel_operation_ids
    base = words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:]) if camel else method.name
    candidate, n = base, 1
    while candidate in ids:
        n += 1
        candidate = f"{base}_{n}"
    return candidate
