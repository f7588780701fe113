"""One Discovery method -> one IR ``Operation``: path, parameters, body, responses, errors, paging, media."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from twingen.diagnostics import pointer
from twingen.ingest.discovery_schemas import (
    SchemaContext,
    convert_parameter_schema,
    convert_schema,
    pointer_join,
)
from twingen.ir.model import (
    DeclaredError,
    MediaUpload,
    Operation,
    Origin,
    Paging,
    Parameter,
    RequestBody,
    Response,
)
from twingen.ir.names import NameAllocator, python_identifier

_PLACEHOLDER = re.compile(r"\{(\+?)([^{}]+)\}")
_LOCATIONS = ("path", "query")
_HTTP_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class DocContext:
    """Document-wide facts every method needs."""

    schema: SchemaContext
    service_path: str
    global_params: Mapping[str, Any]
    raw_schemas: Mapping[str, Any]
    scoped_auth: tuple[str, ...]
    """Auth schemes of a method with scopes; one without scopes needs no credentials."""

    @property
    def file(self) -> str:
        return self.schema.file


def served_path(service_path: str, path: str) -> str:
    """``servicePath`` + method ``path`` as the server sees it: ``drive/v3/`` + ``files`` -> ``/drive/v3/files``.

    A path starting with ``/`` is host-absolute: clients resolve it with ``urljoin`` and drop the servicePath.
    """
    if path.startswith("/"):
        return path
    prefix = service_path.strip("/")
    return f"/{prefix}/{path}" if prefix else f"/{path}"


def build_operation(
    method: Mapping[str, Any], ptr: str, tags: tuple[str, ...], op_names: NameAllocator, ctx: DocContext
) -> Operation | None:
    """The operation for one method, or None (with a warning) when it lacks what routing needs."""
    op_id, verb, raw_path = method.get("id"), method.get("httpMethod"), method.get("path")
    if not isinstance(op_id, str) or not op_id:
        ctx.schema.diags.warn(ctx.file, ptr, "method has no id; skipped", "invalid-method")
        return None
    if not isinstance(verb, str) or verb.upper() not in _HTTP_METHODS:
        ctx.schema.diags.warn(
            ctx.file, pointer_join(ptr, "httpMethod"), f"unknown httpMethod {verb!r}; skipped", "invalid-method"
        )
        return None
    if not isinstance(raw_path, str) or not raw_path:
        ctx.schema.diags.warn(ctx.file, pointer_join(ptr, "path"), "method has no path; skipped", "invalid-method")
        return None
    _note_flat_path(method, raw_path, ptr, ctx)
    path = served_path(ctx.service_path, raw_path)
    parameters = _parameters(method, raw_path, ptr, ctx)
    scopes = strings(method.get("scopes"))
    description = str(method.get("description", "") or "").strip()
    return Operation(
        id=op_id,
        python_name=op_names.allocate(python_identifier(op_id, fallback="operation")),
        method=verb.upper(),
        path=path,
        parameters=parameters,
        request_body=_request_body(method, ptr, ctx),
        responses=(_response(method, ptr, ctx),),
        errors=_errors(parameters, scopes),
        paging=_paging(method, ctx),
        auth=ctx.scoped_auth if scopes else (),
        scopes=scopes,
        summary=_summary(description),
        description=description,
        deprecated=bool(method.get("deprecated", False)),
        tags=tags,
        media_upload=_media_upload(method, ptr, ctx),
        supports_media_download=bool(method.get("supportsMediaDownload", False)),
        origin=Origin(ctx.file, ptr),
    )


def _note_flat_path(method: Mapping[str, Any], raw_path: str, ptr: str, ctx: DocContext) -> None:
    """``flatPath`` spells ``{+name}`` out segment by segment; any other difference from ``path`` is surprising."""
    flat = method.get("flatPath")
    if isinstance(flat, str) and flat != raw_path and "{+" not in raw_path:
        ctx.schema.diags.warn(
            ctx.file,
            pointer_join(ptr, "flatPath"),
            f"flatPath {flat!r} differs from path {raw_path!r}; path is used",
            "flat-path-differs",
        )


def _parameters(method: Mapping[str, Any], raw_path: str, ptr: str, ctx: DocContext) -> tuple[Parameter, ...]:
    declared = method.get("parameters", {})
    if not isinstance(declared, Mapping):
        ctx.schema.diags.warn(
            ctx.file, pointer_join(ptr, "parameters"), "parameters is not an object; ignored", "invalid-parameter"
        )
        declared = {}
    order = [n for n in strings(method.get("parameterOrder")) if n in declared]
    names = order + [n for n in declared if n not in order]
    allocator = NameAllocator()
    params: list[Parameter] = []
    for name in names:
        param = _parameter(str(name), declared[name], pointer_join(ptr, "parameters", str(name)), allocator, ctx)
        if param is not None:
            params.append(param)
    params.extend(_missing_path_params(params, raw_path, ptr, allocator, ctx))
    # Global parameters (alt, fields, key, ...) apply to every method; a method's own declaration wins.
    for name, node in ctx.global_params.items():
        if name not in declared:
            param = _parameter(str(name), node, pointer("parameters", str(name)), allocator, ctx, is_global=True)
            if param is not None:
                params.append(param)
    return tuple(params)


def _parameter(
    name: str,
    node: object,
    ptr: str,
    allocator: NameAllocator,
    ctx: DocContext,
    *,
    is_global: bool = False,
) -> Parameter | None:
    if not isinstance(node, Mapping):
        ctx.schema.diags.warn(ctx.file, ptr, "parameter is not an object; skipped", "invalid-parameter")
        return None
    location = node.get("location", "query")
    if location not in _LOCATIONS:
        ctx.schema.diags.warn(
            ctx.file, pointer_join(ptr, "location"), f"unknown location {location!r}; skipped", "invalid-parameter"
        )
        return None
    schema = convert_parameter_schema(node, ptr, ctx.schema)
    # Description and deprecation live on the Parameter itself.
    description = str(schema.pop("description", "") or "")
    schema.pop("deprecated", None)
    return Parameter(
        name=name,
        python_name=allocator.allocate(python_identifier(name, fallback="param")),
        location="path" if location == "path" else "query",
        # Path parameters are always required; globals never are, whatever a doc says.
        required=location == "path" or (bool(node.get("required", False)) and not is_global),
        schema=schema,
        description=description,
        deprecated=bool(node.get("deprecated", False)),
    )


def _missing_path_params(
    params: list[Parameter], raw_path: str, ptr: str, allocator: NameAllocator, ctx: DocContext
) -> list[Parameter]:
    """Placeholders of the path that no parameter declares get a string parameter, so routing still works."""
    known = {p.name for p in params if p.location == "path"}
    extra: list[Parameter] = []
    for _, name in _PLACEHOLDER.findall(raw_path):
        if name not in known:
            ctx.schema.diags.warn(
                ctx.file,
                pointer_join(ptr, "path"),
                f"path placeholder {{{name}}} has no path parameter; declared as a string",
                "invalid-parameter",
            )
            known.add(name)
            extra.append(
                Parameter(
                    name,
                    allocator.allocate(python_identifier(name, fallback="param")),
                    "path",
                    True,
                    {"type": "string"},
                )
            )
    declared_in_path = {name for _, name in _PLACEHOLDER.findall(raw_path)}
    for p in params:
        if p.location == "path" and p.name not in declared_in_path:
            ctx.schema.diags.warn(
                ctx.file,
                pointer_join(ptr, "parameters", p.name),
                f"path parameter {p.name!r} does not appear in the path",
                "invalid-parameter",
            )
    return extra


def _request_body(method: Mapping[str, Any], ptr: str, ctx: DocContext) -> RequestBody | None:
    if "request" not in method:
        return None
    schema = convert_schema(method["request"], pointer_join(ptr, "request"), ctx.schema)
    # Discovery does not say whether the body is required, and Google accepts a missing body for many
    # methods (a media-only files.create, a PATCH changing nothing), so the twin must not reject one.
    return RequestBody(media_types=("application/json",), schema=schema, required=False)


def _response(method: Mapping[str, Any], ptr: str, ctx: DocContext) -> Response:
    if "response" not in method:
        # Google answers methods without a response schema with an empty body.
        return Response(status="204", description="No Content", schema=None)
    schema = convert_schema(method["response"], pointer_join(ptr, "response"), ctx.schema)
    return Response(status="200", description="Successful response", schema=schema)


def _errors(parameters: tuple[Parameter, ...], scopes: tuple[str, ...]) -> tuple[DeclaredError, ...]:
    """Discovery lists no errors; these are the standard Google ones every such method can return."""
    errors = [DeclaredError("invalid", 400, "A parameter or the request body has an invalid value.")]
    if any(p.required and p.location != "path" for p in parameters):  # a routed path has its parameters
        errors.append(DeclaredError("required", 400, "A required parameter is missing."))
    if scopes:
        errors.append(DeclaredError("authError", 401, "Invalid Credentials: the token is missing or not valid."))
        errors.append(
            DeclaredError(
                "insufficientPermissions", 403, "The credentials lack a scope or permission this method needs."
            )
        )
    if any(p.location == "path" for p in parameters):
        errors.append(DeclaredError("notFound", 404, "The object named in the path does not exist."))
    return tuple(errors)


def _paging(method: Mapping[str, Any], ctx: DocContext) -> Paging | None:
    """Page-token paging: a ``pageToken`` parameter and a response with ``nextPageToken`` and one array."""
    params = method.get("parameters")
    if not isinstance(params, Mapping) or "pageToken" not in params:
        return None
    properties = _response_properties(method, ctx)
    if "nextPageToken" not in properties:
        return None  # e.g. drive.changes.watch: its pageToken is a start position, not paging
    limit = next((n for n in ("pageSize", "maxResults", "limit") if n in params), "")
    return Paging(
        style="page_token",
        request_cursor="pageToken",
        request_limit=limit,
        response_next="nextPageToken",
        response_items=_paged_items(properties, str(method.get("id", ""))),
    )


def _paged_items(properties: Mapping[str, Any], op_id: str) -> str:
    """The array being paged. Beside it a list response may carry others (AIP-217 ``unreachable`` is a list of
    location names), so prefer the one named like the resource, then the only array of objects."""
    arrays = {
        name: prop for name, prop in properties.items() if isinstance(prop, Mapping) and prop.get("type") == "array"
    }
    if len(arrays) == 1:
        return next(iter(arrays))
    resource = op_id.split(".")[-2].lower() if op_id.count(".") >= 1 else ""
    named = [name for name in arrays if name.lower() == resource]
    if len(named) == 1:
        return named[0]
    if "items" in arrays:  # the older APIs' convention (calendar.events.list beside ``defaultReminders``)
        return "items"
    of_objects = [
        name for name, prop in arrays.items() if isinstance(prop.get("items"), Mapping) and "$ref" in prop["items"]
    ]
    # Still ambiguous: leave the choice to behaviour code rather than guess.
    return of_objects[0] if len(of_objects) == 1 else ""


def _response_properties(method: Mapping[str, Any], ctx: DocContext) -> Mapping[str, Any]:
    response = method.get("response")
    if isinstance(response, Mapping) and isinstance(response.get("$ref"), str):
        response = ctx.raw_schemas.get(response["$ref"])
    properties = response.get("properties") if isinstance(response, Mapping) else None
    return properties if isinstance(properties, Mapping) else {}


def _media_upload(method: Mapping[str, Any], ptr: str, ctx: DocContext) -> MediaUpload | None:
    upload = method.get("mediaUpload")
    if upload is None:
        return None
    uptr = pointer_join(ptr, "mediaUpload")
    if not isinstance(upload, Mapping):
        ctx.schema.diags.warn(ctx.file, uptr, "mediaUpload is not an object; ignored", "invalid-method")
        return None
    protocols = upload.get("protocols")
    protocols = protocols if isinstance(protocols, Mapping) else {}

    def protocol_path(name: str) -> str:
        protocol = protocols.get(name)
        path = protocol.get("path") if isinstance(protocol, Mapping) else None
        return served_path(ctx.service_path, path) if isinstance(path, str) and path else ""

    simple, resumable = protocol_path("simple"), protocol_path("resumable")
    if not simple and not resumable:
        ctx.schema.diags.warn(
            ctx.file, pointer_join(uptr, "protocols"), "mediaUpload has no upload path; ignored", "invalid-method"
        )
        return None
    return MediaUpload(
        accept=strings(upload.get("accept")),
        max_size=str(upload.get("maxSize", "")),
        simple_path=simple,
        resumable_path=resumable,
    )


def strings(value: object) -> tuple[str, ...]:
    """The strings of a JSON list (scopes, parameterOrder, accept); anything else gives none."""
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _summary(description: str) -> str:
    """The first sentence of the description: Discovery has no summary field."""
    first = description.split("\n", 1)[0]
    end = first.find(". ")
    return first[: end + 1] if end >= 0 else first
