"""One OpenAPI operation -> its IR pieces: parameters, request body, responses, declared errors, security."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from twingen.diagnostics import Diagnostics, pointer
from twingen.ingest.openapi_resolver import RefResolver
from twingen.ir import schemarefs
from twingen.ir.model import DeclaredError, JsonSchema, Parameter, ParamLocation, RequestBody, Response
from twingen.ir.names import NameAllocator, python_identifier

_LOCATIONS = ("path", "query", "header", "cookie")
_FORM_MEDIA = ("application/x-www-form-urlencoded", "multipart/form-data")
_TEMPLATE_VAR = re.compile(r"\{([^{}]+)\}")
# Swagger 2.0 keys that describe a parameter's type when no ``schema`` is given (a half-converted doc).
_INLINE_SCHEMA_KEYS = ("type", "format", "items", "enum", "default", "minimum", "maximum", "pattern")


@dataclass
class DocContext:
    """What every operation of one document needs: where to report, how to resolve, what schemes exist."""

    given: str
    diags: Diagnostics
    resolver: RefResolver
    schemas: Mapping[str, JsonSchema]
    scheme_names: frozenset[str]
    global_security: Any = None
    _warned_schemes: set[str] = field(default_factory=set)


def build_parameters(
    ctx: DocContext, path: str, method: str, path_item: Mapping[str, Any], op: Mapping[str, Any], names: NameAllocator
) -> list[Parameter]:
    """Path-item parameters overridden by operation parameters (same ``in`` + ``name``), refs resolved."""
    merged: dict[tuple[str, str], tuple[Mapping[str, Any], str]] = {}
    for base, raw_list in (
        (pointer("paths", path, "parameters"), path_item.get("parameters")),
        (pointer("paths", path, method, "parameters"), op.get("parameters")),
    ):
        if raw_list is None:
            continue
        if not isinstance(raw_list, list):
            ctx.diags.warn(ctx.given, base, "parameters is not a list; skipped", "invalid-parameter")
            continue
        for i, raw in enumerate(raw_list):
            where = f"{base}/{i}"
            param = ctx.resolver.resolve(raw, where)
            if param is None:
                continue
            name, location = param.get("name"), param.get("in")
            if not isinstance(name, str) or not name or location not in _LOCATIONS:
                ctx.diags.warn(
                    ctx.given, where, "parameter without a usable name and location; skipped", "invalid-parameter"
                )
                continue
            merged[(location, name)] = (param, where)

    template_vars = _TEMPLATE_VAR.findall(path)
    params: list[Parameter] = []
    for (location, name), (param, where) in merged.items():
        if location == "path" and name not in template_vars:
            ctx.diags.warn(
                ctx.given, where, f"path parameter {name!r} does not appear in the path; skipped", "invalid-parameter"
            )
            continue
        params.append(
            Parameter(
                name=name,
                python_name=names.allocate(python_identifier(name, "param")),
                location=cast(ParamLocation, location),
                # A path parameter is always required, whatever the document says (Okta omits it once).
                required=location == "path" or param.get("required") is True,
                schema=_parameter_schema(param),
                description=_text(param.get("description")),
                deprecated=param.get("deprecated") is True,
            )
        )
    declared = {name for (location, name) in merged if location == "path"}
    for var in template_vars:
        if var not in declared:
            ctx.diags.warn(
                ctx.given,
                pointer("paths", path, method),
                f"path variable {{{var}}} is not declared as a parameter; assuming a string",
                "undeclared-path-param",
            )
            params.append(
                Parameter(var, names.allocate(python_identifier(var, "param")), "path", True, {"type": "string"})
            )
    return params


def _parameter_schema(param: Mapping[str, Any]) -> JsonSchema:
    schema = param.get("schema")
    if isinstance(schema, Mapping):
        return schema
    content = param.get("content")
    if isinstance(content, Mapping):
        for media in content.values():
            if isinstance(media, Mapping) and isinstance(media.get("schema"), Mapping):
                return cast(JsonSchema, media["schema"])
    return {key: param[key] for key in _INLINE_SCHEMA_KEYS if key in param}


def build_request_body(
    ctx: DocContext, where: str, raw: Any, names: NameAllocator, taken: set[tuple[str, str]]
) -> tuple[RequestBody | None, list[Parameter]]:
    """The request body, and one ``form`` Parameter per property when the body is form-encoded."""
    if raw is None:
        return None, []
    body = ctx.resolver.resolve(raw, where)
    content = body.get("content") if body is not None else None
    if body is None or not isinstance(content, Mapping) or not content:
        if body is not None:
            ctx.diags.warn(ctx.given, where, "request body without content; skipped", "invalid-request-body")
        return None, []
    media_types = tuple(str(m) for m in content)
    chosen = _preferred_media(media_types, prefer_form=True)
    media = content.get(chosen)
    schema = media.get("schema") if isinstance(media, Mapping) else None
    schema = schema if isinstance(schema, Mapping) else {}
    request_body = RequestBody(media_types, schema, body.get("required") is True)
    if chosen not in _FORM_MEDIA:
        return request_body, []
    followed = schemarefs.follow(schema, ctx.schemas)
    listed = followed.get("required")
    required = {str(n) for n in listed} if isinstance(listed, list) else set()
    fields: list[Parameter] = []
    for name, prop in schemarefs.object_properties(schema, ctx.schemas).items():
        if ("form", name) in taken:
            continue
        prop = prop if isinstance(prop, Mapping) else {}
        fields.append(
            Parameter(
                str(name),
                names.allocate(python_identifier(str(name), "field")),
                "form",
                name in required,
                prop,
                _text(prop.get("description")),
                prop.get("deprecated") is True,
            )
        )
    return request_body, fields


def _preferred_media(media_types: tuple[str, ...], prefer_form: bool = False) -> str:
    if prefer_form:
        for media in media_types:
            if media in _FORM_MEDIA:
                return media
    for media in media_types:
        if media == "application/json" or media.endswith("+json"):
            return media
    for media in media_types:
        if "json" in media:
            return media
    return media_types[0]


def build_responses(ctx: DocContext, where: str, raw: Any) -> tuple[list[Response], list[DeclaredError]]:
    """Responses in document order, and the errors they declare (HTTP 4xx/5xx, Slack enums, Okta codes)."""
    if not isinstance(raw, Mapping):
        ctx.diags.warn(ctx.given, where, "operation has no responses", "invalid-responses")
        return [], []
    responses: list[Response] = []
    errors: dict[tuple[str, int], DeclaredError] = {}
    for status_key, raw_response in raw.items():
        status = str(status_key)
        here = where + pointer(status)
        response = ctx.resolver.resolve(raw_response, here)
        if response is None:
            continue
        content = response.get("content")
        content = content if isinstance(content, Mapping) else {}
        description = _text(response.get("description"))
        if not content:
            responses.append(Response(status, description, "", None, None))
        else:
            chosen = _preferred_media(tuple(str(m) for m in content))
            media = content.get(chosen)
            media = media if isinstance(media, Mapping) else {}
            schema = media.get("schema") if isinstance(media.get("schema"), Mapping) else None
            examples = list(_examples(ctx, media, here + pointer("content", chosen)))
            example = examples[0] if examples else _schema_example(ctx, schema)
            responses.append(Response(status, description, chosen, schema, example))
            for error in _declared_errors(ctx, status, schema, examples):
                errors.setdefault((error.code, error.status), error)
        http = _http_status(status)
        if http >= 400:
            errors.setdefault((status, http), DeclaredError(status, http, description))
    return responses, list(errors.values())


def _http_status(status: str) -> int:
    if status.isdigit():
        return int(status)
    if len(status) == 3 and status[0].isdigit() and status[1:].upper() == "XX":
        return int(status[0]) * 100
    return 0


def _examples(ctx: DocContext, media: Mapping[str, Any], where: str) -> Iterator[Any]:
    if "example" in media:
        yield media["example"]
    named = media.get("examples")
    if isinstance(named, Mapping):
        for key, raw in named.items():
            example = ctx.resolver.resolve(raw, where + pointer("examples", key))
            if example is not None and "value" in example:
                yield example["value"]


def _schema_example(ctx: DocContext, schema: Any) -> Any:
    # Only the schema's own (or its component's) top-level example: building one from nested schemas is
    # the stub generator's job and would walk cyclic graphs here.
    return schemarefs.follow(schema, ctx.schemas).get("example") if schema is not None else None


def _declared_errors(ctx: DocContext, status: str, schema: Any, examples: list[Any]) -> Iterator[DeclaredError]:
    http = _http_status(status)
    props = schemarefs.object_properties(schema, ctx.schemas) if schema is not None else {}
    error_prop = schemarefs.follow(props.get("error"), ctx.schemas)
    codes = error_prop.get("enum")
    if "ok" in props and isinstance(codes, list):
        # Slack: errors are HTTP 200 {"ok": false, "error": CODE}; the doc files them under "default".
        for code in codes:
            if isinstance(code, str):
                yield DeclaredError(code, http or 200)
    if http >= 400:
        for example in examples:
            if isinstance(example, Mapping) and isinstance(example.get("errorCode"), str):
                yield DeclaredError(example["errorCode"], http, _text(example.get("errorSummary")))


def build_security(ctx: DocContext, where: str, op: Mapping[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(scheme names any one of which is accepted, scopes asked for) from the op's or the doc's ``security``."""
    requirements = op.get("security", ctx.global_security)
    if requirements is None:
        return (), ()
    if not isinstance(requirements, list):
        ctx.diags.warn(ctx.given, where, "security is not a list; ignored", "invalid-security")
        return (), ()
    schemes: dict[str, None] = {}
    scopes: dict[str, None] = {}
    for requirement in requirements:
        if not isinstance(requirement, Mapping):
            continue
        for name, wanted in requirement.items():
            if name not in ctx.scheme_names:
                if name not in ctx._warned_schemes:
                    ctx._warned_schemes.add(name)
                    ctx.diags.warn(
                        ctx.given, where, f"security scheme {name!r} is not defined; ignored", "unknown-security-scheme"
                    )
                continue
            schemes[name] = None
            for scope in wanted if isinstance(wanted, list) else ():
                scopes[str(scope)] = None
    return tuple(schemes), tuple(scopes)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
