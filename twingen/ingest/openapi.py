"""An OpenAPI 3.x document (a dict; Swagger 2.0 already converted) -> ``ApiParts``.

Broken pieces become located warnings and are skipped; the rest of the document goes on. Schemas are
kept as the document has them (references included) and never inlined, so 13 MB documents and cyclic
schema graphs cost one pass over the paths.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from twingen.diagnostics import Diagnostics, pointer
from twingen.ingest.openapi_operation import (
    DocContext,
    build_parameters,
    build_request_body,
    build_responses,
    build_security,
)
from twingen.ingest.openapi_resolver import RefResolver
from twingen.ir.model import AuthScheme, JsonSchema, Operation, Origin, Parameter
from twingen.ir.names import NameAllocator, python_identifier
from twingen.ir.parts import ApiParts

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_SERVER_VAR = re.compile(r"\{([^{}]+)\}")
# "Authorization: SSWS {API Token}" in an apiKey scheme's prose names the token prefix (Okta).
_PREFIX_IN_PROSE = re.compile(r"Authorization:\s*([A-Za-z][A-Za-z0-9_-]*)\s+[{<]")


def build_from_openapi(doc: Mapping[str, Any], given: str, diags: Diagnostics) -> ApiParts:
    """Read operations, component schemas and auth schemes from one OpenAPI 3 document."""
    components = _obj(doc.get("components"))
    schemas = _schemas(components, given, diags)
    auth_schemes = _auth_schemes(components, given, diags)
    ctx = DocContext(
        given,
        diags,
        RefResolver(doc, given, diags),
        schemas,
        frozenset(s.name for s in auth_schemes),
        doc.get("security"),
    )
    base_url, base_path = _server(doc.get("servers"), given, diags, pointer("servers"))
    info = _obj(doc.get("info"))
    return ApiParts(
        operations=_operations(doc, ctx, base_path),
        schemas=schemas,
        auth_schemes=auth_schemes,
        title=_text(info.get("title")),
        version=_text(info.get("version")),
        base_url=base_url,
        description=_text(info.get("description")),
        source=given,
    )


def _operations(doc: Mapping[str, Any], ctx: DocContext, base_path: str) -> tuple[Operation, ...]:
    paths = doc.get("paths")
    if not isinstance(paths, Mapping):
        ctx.diags.warn(ctx.given, pointer("paths"), "document has no paths", "no-paths")
        return ()
    ids, python_names = NameAllocator(), NameAllocator()
    operations: list[Operation] = []
    for path, path_item in paths.items():
        if not isinstance(path_item, Mapping) or not isinstance(path, str) or not path.startswith("/"):
            ctx.diags.warn(ctx.given, pointer("paths", str(path)), "not a usable path item; skipped", "invalid-path")
            continue
        item_base = _local_base(path_item, ctx, pointer("paths", path), base_path)
        for method in path_item:
            if method not in HTTP_METHODS:
                continue
            where = pointer("paths", path, method)
            op = path_item[method]
            if not isinstance(op, Mapping):
                ctx.diags.warn(ctx.given, where, "operation is not an object; skipped", "invalid-operation")
                continue
            full_path = _local_base(op, ctx, where, item_base) + path
            op_id = _operation_id(op, method, path, full_path, ctx, where)
            unique_id = ids.allocate(op_id)
            if unique_id != op_id:
                ctx.diags.warn(
                    ctx.given,
                    where,
                    f"operationId {op_id!r} is used twice; this one is {unique_id!r}",
                    "duplicate-operation-id",
                )
            operations.append(
                _operation(
                    ctx,
                    path,
                    method,
                    path_item,
                    op,
                    full_path,
                    unique_id,
                    python_names.allocate(python_identifier(unique_id, "operation")),
                )
            )
    return tuple(operations)


def _operation(
    ctx: DocContext,
    path: str,
    method: str,
    path_item: Mapping[str, Any],
    op: Mapping[str, Any],
    full_path: str,
    op_id: str,
    python_name: str,
) -> Operation:
    where = pointer("paths", path, method)
    param_names = NameAllocator()
    params = build_parameters(ctx, path, method, path_item, op, param_names)
    body, form_fields = build_request_body(
        ctx, where + pointer("requestBody"), op.get("requestBody"), param_names, {(p.location, p.name) for p in params}
    )
    responses, errors = build_responses(ctx, where + pointer("responses"), op.get("responses"))
    auth, scopes = build_security(ctx, where + pointer("security"), op)
    parameters = tuple(_relax_token(p, bool(auth)) for p in [*params, *form_fields])
    tags = op.get("tags")
    return Operation(
        id=op_id,
        python_name=python_name,
        method=method.upper(),
        path=full_path,
        parameters=parameters,
        request_body=body,
        responses=tuple(responses),
        errors=tuple(errors),
        auth=auth,
        scopes=scopes,
        summary=_text(op.get("summary")),
        description=_text(op.get("description")),
        deprecated=op.get("deprecated") is True,
        tags=tuple(str(t) for t in tags) if isinstance(tags, list) else (),
        origin=Origin(ctx.given, where),
    )


def _relax_token(param: Parameter, has_auth: bool) -> Parameter:
    # Slack documents its token as a required header/query/form field, but clients also send it as
    # ``Authorization: Bearer``; the runtime's auth check owns it, so request validation must not.
    if has_auth and param.name == "token" and param.required and param.location != "path":
        return replace(param, required=False)
    return param


def _operation_id(op: Mapping[str, Any], method: str, path: str, full_path: str, ctx: DocContext, where: str) -> str:
    raw = op.get("operationId")
    if isinstance(raw, str) and raw.strip():
        last = path.rsplit("/", 1)[-1]
        # RPC paths (Slack ``/chat.postMessage``) whose operationId is the method name mangled for code
        # generators (``chat_postMessage``): the wire name clients and behaviour modules use is the method.
        if "." in last and "{" not in last and raw == last.replace(".", "_"):
            return last
        return raw
    derived = f"{method.upper()} {full_path}"
    ctx.diags.warn(ctx.given, where, f"operation has no operationId; using {derived!r}", "missing-operation-id")
    return derived


def _local_base(node: Mapping[str, Any], ctx: DocContext, where: str, inherited: str) -> str:
    """A path item or operation may name its own servers; otherwise the enclosing base path holds."""
    if "servers" not in node:
        return inherited
    return _server(node.get("servers"), ctx.given, ctx.diags, where + pointer("servers"))[1]


def _server(servers: Any, given: str, diags: Diagnostics, where: str) -> tuple[str, str]:
    """(base URL with variables at their defaults, base path to put before every path)."""
    if servers is None:
        return "", ""
    if not isinstance(servers, list) or not servers or not isinstance(servers[0], Mapping):
        diags.warn(given, where, "servers is not a list of server objects; using no base path", "invalid-server")
        return "", ""
    server = servers[0]
    url = server.get("url")
    if not isinstance(url, str):
        diags.warn(given, where + "/0", "server without a url; using no base path", "invalid-server")
        return "", ""
    variables = _obj(server.get("variables"))

    def fill(match: re.Match[str]) -> str:
        var = variables.get(match.group(1))
        default = var.get("default") if isinstance(var, Mapping) else None
        return str(default) if isinstance(default, (str, int, float)) else match.group(0)

    filled = _SERVER_VAR.sub(fill, url)
    # The path part of the template (not the filled URL): a host variable never becomes part of a path.
    try:
        path = urlsplit(_SERVER_VAR.sub("x", url)).path if "://" in url else url
    except ValueError:
        diags.warn(given, where + "/0/url", f"server url {url!r} is malformed; using no base path", "invalid-server")
        path = ""
    return filled.rstrip("/"), "/" + path.strip("/") if path.strip("/") else ""


def _schemas(components: Mapping[str, Any], given: str, diags: Diagnostics) -> dict[str, JsonSchema]:
    raw = components.get("schemas")
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        diags.warn(given, pointer("components", "schemas"), "schemas is not an object; skipped", "invalid-schema")
        return {}
    schemas: dict[str, JsonSchema] = {}
    for name in sorted(raw, key=str):
        if isinstance(raw[name], Mapping):
            schemas[str(name)] = raw[name]
        else:
            diags.warn(
                given, pointer("components", "schemas", str(name)), "schema is not an object; skipped", "invalid-schema"
            )
    return schemas


def _auth_schemes(components: Mapping[str, Any], given: str, diags: Diagnostics) -> tuple[AuthScheme, ...]:
    raw = components.get("securitySchemes")
    if not isinstance(raw, Mapping):
        return ()
    schemes: list[AuthScheme] = []
    for name, scheme in raw.items():
        where = pointer("components", "securitySchemes", str(name))
        built = _auth_scheme(str(name), scheme) if isinstance(scheme, Mapping) else None
        if built is None:
            diags.warn(
                given,
                where,
                "security scheme of an unsupported kind; operations using it get no auth check",
                "unsupported-security-scheme",
            )
            continue
        schemes.append(built)
    return tuple(schemes)


def _auth_scheme(name: str, scheme: Mapping[str, Any]) -> AuthScheme | None:
    kind = scheme.get("type")
    description = _text(scheme.get("description"))
    if kind == "http":
        http_scheme = str(scheme.get("scheme", "")).lower()
        if http_scheme in ("bearer", "basic"):
            return AuthScheme(name, "bearer" if http_scheme == "bearer" else "basic", description=description)
        return None
    if kind == "apiKey":
        location = scheme.get("in")
        param = scheme.get("name")
        if location not in ("header", "query", "cookie") or not isinstance(param, str):
            return None
        match = _PREFIX_IN_PROSE.search(description) if param.lower() == "authorization" else None
        prefix = match.group(1) if match and match.group(1).lower() not in ("bearer", "basic") else ""
        return AuthScheme(name, "apikey", location, param, prefix, description=description)
    if kind in ("oauth2", "openIdConnect"):
        scopes: dict[str, None] = {}
        flows = scheme.get("flows")
        for flow in flows.values() if isinstance(flows, Mapping) else ():
            flow_scopes = flow.get("scopes") if isinstance(flow, Mapping) else None
            for scope in flow_scopes if isinstance(flow_scopes, Mapping) else ():
                scopes[str(scope)] = None
        return AuthScheme(name, "oauth2", scopes=tuple(scopes), description=description)
    return None


def _obj(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
