"""Google Discovery v1 document -> IR parts (operations, schemas, auth schemes).

Discovery is not OpenAPI: methods sit in nested ``resources``, paths are relative to ``servicePath``, refs are
bare schema names and auth is a list of OAuth scopes. Everything that does not map is a located warning; the
rest of the document still goes through.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from twingen.diagnostics import Diagnostics, pointer
from twingen.ingest.discovery_methods import DocContext, build_operation
from twingen.ingest.discovery_schemas import SchemaContext, convert_schema, pointer_join
from twingen.ir.model import AuthScheme, Operation
from twingen.ir.names import NameAllocator
from twingen.ir.parts import ApiParts

__all__ = ["API_KEY_SCHEME", "DISCOVERY_FORMAT", "OAUTH2_SCHEME", "build_from_discovery"]

DISCOVERY_FORMAT = "discovery-v1"

OAUTH2_SCHEME = "oauth2"
API_KEY_SCHEME = "api_key"

_MAX_RESOURCE_DEPTH = 32
"""Real documents nest four deep; a bound keeps a hostile document from exhausting the stack."""


def build_from_discovery(doc: Mapping[str, Any], given: str, diags: Diagnostics) -> ApiParts:
    """The IR parts of one Discovery document; ``given`` is the document as the user named it."""
    if not isinstance(doc, Mapping):
        diags.error(given, "", "a Discovery document must be a JSON object", "invalid-spec")
        return ApiParts(source=given, doc_format=DISCOVERY_FORMAT)
    if doc.get("discoveryVersion", "v1") != "v1":
        diags.warn(
            given,
            "/discoveryVersion",
            f"discoveryVersion {doc.get('discoveryVersion')!r} is not v1; read as v1",
            "invalid-spec",
        )
    raw_schemas = _mapping(doc, "schemas", "", given, diags)
    names = frozenset(name for name, node in raw_schemas.items() if isinstance(node, Mapping))
    schema_ctx = SchemaContext(given, diags, names)
    schemas = {name: convert_schema(node, pointer("schemas", name), schema_ctx) for name, node in raw_schemas.items()}
    global_params = _mapping(doc, "parameters", "", given, diags)
    auth_schemes = _auth_schemes(doc, given, diags, has_key="key" in global_params)
    ctx = DocContext(
        schema=schema_ctx,
        service_path=_service_path(doc),
        global_params=global_params,
        raw_schemas=raw_schemas,
        scoped_auth=tuple(s.name for s in auth_schemes),
    )
    return ApiParts(
        operations=_operations(doc, ctx),
        schemas=schemas,
        auth_schemes=auth_schemes,
        title=_text(doc.get("title") or doc.get("name")),
        version=_text(doc.get("version")),
        base_url=_text(doc.get("rootUrl")),
        description=_text(doc.get("description")),
        source=given,
        doc_format=DISCOVERY_FORMAT,
    )


def _operations(doc: Mapping[str, Any], ctx: DocContext) -> tuple[Operation, ...]:
    seen: set[str] = set()
    op_names = NameAllocator()
    operations: list[Operation] = []
    for method, ptr, tags in _methods(doc, "", (), ctx, depth=0):
        op = build_operation(method, ptr, tags, op_names, ctx)
        if op is None:
            continue
        if op.id in seen:
            ctx.schema.diags.warn(
                ctx.file, pointer_join(ptr, "id"), f"duplicate method id {op.id!r}; skipped", "duplicate-operation"
            )
            continue
        seen.add(op.id)
        operations.append(op)
    return tuple(operations)


def _methods(
    node: Mapping[str, Any], ptr: str, tags: tuple[str, ...], ctx: DocContext, depth: int
) -> Iterator[tuple[Mapping[str, Any], str, tuple[str, ...]]]:
    """Every method under ``node`` in document order, with its pointer and its dotted resource path as tag."""
    if depth > _MAX_RESOURCE_DEPTH:
        ctx.schema.diags.warn(ctx.file, ptr, "resources nested too deep; the rest is skipped", "invalid-spec")
        return
    for name, method in _mapping(node, "methods", ptr, ctx.file, ctx.schema.diags).items():
        mptr = pointer_join(ptr, "methods", name)
        if isinstance(method, Mapping):
            yield method, mptr, tags
        else:
            ctx.schema.diags.warn(ctx.file, mptr, "method is not an object; skipped", "invalid-method")
    for name, resource in _mapping(node, "resources", ptr, ctx.file, ctx.schema.diags).items():
        rptr = pointer_join(ptr, "resources", name)
        if not isinstance(resource, Mapping):
            ctx.schema.diags.warn(ctx.file, rptr, "resource is not an object; skipped", "invalid-spec")
            continue
        tag = ".".join((*tags, str(name)))
        yield from _methods(resource, rptr, (tag,), ctx, depth + 1)


def _auth_schemes(doc: Mapping[str, Any], given: str, diags: Diagnostics, has_key: bool) -> tuple[AuthScheme, ...]:
    schemes: list[AuthScheme] = []
    auth = doc.get("auth")
    oauth2 = auth.get("oauth2") if isinstance(auth, Mapping) else None
    if oauth2 is not None:
        scopes = oauth2.get("scopes") if isinstance(oauth2, Mapping) else None
        if not isinstance(scopes, Mapping):
            diags.warn(given, "/auth/oauth2", "oauth2 has no scopes object; no scopes recorded", "invalid-spec")
            scopes = {}
        schemes.append(
            AuthScheme(
                name=OAUTH2_SCHEME,
                kind="oauth2",
                scopes=tuple(str(s) for s in scopes),
                description="OAuth 2.0 access token sent as 'Authorization: Bearer TOKEN'.",
            )
        )
    if has_key:
        # The global ``key`` parameter: "Required unless you provide an OAuth 2.0 token" (public data only).
        schemes.append(
            AuthScheme(
                name=API_KEY_SCHEME,
                kind="apikey",
                location="query",
                param_name="key",
                description="API key in the 'key' query parameter; identifies the project, grants no user access.",
            )
        )
    return tuple(schemes)


def _service_path(doc: Mapping[str, Any]) -> str:
    """``servicePath`` ("drive/v3/"); old documents only have the deprecated absolute ``basePath``."""
    for key in ("servicePath", "basePath"):
        value = doc.get(key)
        if isinstance(value, str):
            return value
    return ""


def _mapping(node: Mapping[str, Any], key: str, ptr: str, given: str, diags: Diagnostics) -> Mapping[str, Any]:
    value = node.get(key)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        diags.warn(given, pointer_join(ptr, key), f"{key} is not an object; ignored", "invalid-spec")
        return {}
    return value


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
