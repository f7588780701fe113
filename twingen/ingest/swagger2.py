"""Swagger 2.0 -> OpenAPI 3.0.3, in Python, keeping vendor extensions.

Later steps (IR building, datamodel-code-generator) read only OpenAPI 3, so Swagger is converted once,
here. Every warning points into the *original* Swagger document, which is what the user can open.
Slack's spec uses two JSON Schema forms that OpenAPI 3.0 lacks (tuple ``items`` and ``type`` lists);
they are rewritten into 3.0 equivalents with a warning each.
"""

from __future__ import annotations

from typing import Any

from twingen.diagnostics import Diagnostics, pointer

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")
_PARAM_KEYS = ("name", "in", "description", "required", "allowEmptyValue")
_OAUTH_FLOWS = {"implicit": "implicit", "password": "password", "application": "clientCredentials"}
_OAUTH_FLOWS["accessCode"] = "authorizationCode"
_COLLECTION_STYLES = {"csv": ("form", False), "ssv": ("spaceDelimited", False), "pipes": ("pipeDelimited", False)}
_COLLECTION_STYLES["multi"] = ("form", True)
# Keywords a Swagger 2.0 parameter, header or Items object shares with a schema.
_PARAM_SCHEMA_KEYS = (
    "type", "format", "items", "default", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
    "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "enum", "multipleOf", "x-nullable",
)  # fmt: skip
_SCHEMA_MAPS = ("properties", "patternProperties")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf")
_REF_PREFIXES = {
    "#/definitions/": "#/components/schemas/",
    "#/parameters/": "#/components/parameters/",
    "#/responses/": "#/components/responses/",
}


def convert_swagger2(doc: dict[str, Any], given: str, diags: Diagnostics) -> dict[str, Any]:
    """A new OpenAPI 3.0.3 document equivalent to the Swagger 2.0 ``doc`` (which is left unchanged)."""
    return _Converter(doc, given, diags).convert()


def _extensions(node: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if k.startswith("x-")}


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


class _Converter:
    def __init__(self, doc: dict[str, Any], given: str, diags: Diagnostics) -> None:
        self.doc, self.given, self.diags = doc, given, diags
        self.schemas = SchemaConverter(given, diags)
        self.consumes = _strings(doc.get("consumes")) or ["application/json"]
        self.produces = _strings(doc.get("produces")) or ["application/json"]
        self.globals = _dict(doc.get("parameters"))

    def convert(self) -> dict[str, Any]:
        doc = self.doc
        out: dict[str, Any] = {"openapi": "3.0.3", "info": doc.get("info", {"title": "", "version": ""})}
        out["servers"] = self._servers()
        for key in ("tags", "externalDocs", "security"):
            if key in doc:
                out[key] = doc[key]
        out.update(_extensions(doc))
        out["paths"] = {
            p: self._path_item(item, ("paths", p))
            for p, item in _dict(doc.get("paths")).items()
            if isinstance(item, dict)
        }
        out["components"] = self._components()
        return out

    def _servers(self) -> list[dict[str, Any]]:
        base_path = str(self.doc.get("basePath") or "/")
        host = self.doc.get("host")
        if not host:
            return [{"url": base_path}]
        schemes = _strings(self.doc.get("schemes")) or ["https"]
        path = "" if base_path == "/" else base_path.rstrip("/")
        return [{"url": f"{scheme}://{host}{path}"} for scheme in schemes]

    def _components(self) -> dict[str, Any]:
        components: dict[str, Any] = {}
        schemas = {
            name: self.schemas.convert(schema, ("definitions", name))
            for name, schema in _dict(self.doc.get("definitions")).items()
        }
        params: dict[str, Any] = {}
        bodies: dict[str, Any] = {}
        for name, param in self.globals.items():
            where = ("parameters", name)
            if not isinstance(param, dict):
                continue
            if param.get("in") == "body":
                bodies[name] = self._body(param, self.consumes, where)
            elif param.get("in") != "formData":  # formData globals are inlined into each operation's body
                params[name] = self._parameter(param, where)
        responses = {
            code: self._response(resp, self.produces, ("responses", code))
            for code, resp in _dict(self.doc.get("responses")).items()
        }
        security = {
            name: self._security_scheme(scheme, ("securityDefinitions", name))
            for name, scheme in _dict(self.doc.get("securityDefinitions")).items()
        }
        for key, section in (
            ("schemas", schemas),
            ("parameters", params),
            ("requestBodies", bodies),
            ("responses", responses),
            ("securitySchemes", security),
        ):
            if section:
                components[key] = section
        return components

    def _path_item(self, item: dict[str, Any], where: tuple[str, ...]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        shared = _list(item.get("parameters"))
        plain, _ = self._split_parameters(shared, (*where, "parameters"))
        if plain:
            out["parameters"] = plain
        for key, value in item.items():
            if key in HTTP_METHODS and isinstance(value, dict):
                out[key] = self._operation(value, shared, (*where, key))
            elif key.startswith("x-") or key in ("summary", "description", "$ref"):
                out[key] = value
        return out

    def _operation(self, op: dict[str, Any], shared: list[Any], where: tuple[str, ...]) -> dict[str, Any]:
        out = {k: v for k, v in op.items() if k not in ("parameters", "responses", "consumes", "produces", "schemes")}
        consumes = _strings(op.get("consumes")) or self.consumes
        produces = _strings(op.get("produces")) or self.produces
        own = _list(op.get("parameters"))
        # Path-level body/formData parameters belong to every operation's request body.
        _, shared_body = self._split_parameters(shared, (*where[:-1], "parameters"))
        plain, body_params = self._split_parameters(own, (*where, "parameters"))
        names = {(p.get("name"), p.get("in")) for p, _ in body_params}
        body_params = [b for b in shared_body if (b[0].get("name"), b[0].get("in")) not in names] + body_params
        if plain:
            out["parameters"] = plain
        if body_params:
            out["requestBody"] = self._request_body(body_params, consumes)
        out["responses"] = {
            str(code): self._response(resp, produces, (*where, "responses", str(code)))
            for code, resp in _dict(op.get("responses")).items()
        }
        return out

    def _split_parameters(
        self, params: list[Any], where: tuple[str | int, ...]
    ) -> tuple[list[dict[str, Any]], list[tuple[dict[str, Any], tuple[str | int, ...]]]]:
        """Non-body parameters (converted) and body/formData parameters (raw, with their location)."""
        plain: list[dict[str, Any]] = []
        body: list[tuple[dict[str, Any], tuple[str | int, ...]]] = []
        for i, param in enumerate(params):
            if not isinstance(param, dict):
                continue
            target, loc = param, (*where, i)
            ref = param.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/parameters/"):
                name = ref.removeprefix("#/parameters/")
                target = _dict(self.globals.get(name.replace("~1", "/").replace("~0", "~")))
                loc = ("parameters", name)
                if target.get("in") not in ("body", "formData"):
                    plain.append({"$ref": convert_ref(ref)})
                    continue
            if target.get("in") in ("body", "formData"):
                body.append((target, loc))
            else:
                plain.append(self._parameter(param, loc))
        return plain, body

    def _parameter(self, param: dict[str, Any], where: tuple[str | int, ...]) -> dict[str, Any]:
        if isinstance(param.get("$ref"), str):
            return {"$ref": convert_ref(param["$ref"])}
        out = {k: param[k] for k in _PARAM_KEYS if k in param}
        out.update(_extensions(param))
        if param.get("in") == "path":
            out["required"] = True
        fmt = param.get("collectionFormat")
        if param.get("type") == "array" and isinstance(fmt, str):
            if fmt in _COLLECTION_STYLES:
                style, explode = _COLLECTION_STYLES[fmt]
                if param.get("in") in ("path", "header") and fmt == "csv":
                    style = "simple"
                out["style"], out["explode"] = style, explode
            else:
                self.diags.warn(
                    self.given, pointer(*where, "collectionFormat"), f"collectionFormat {fmt!r} has no OpenAPI 3 style"
                )
        out["schema"] = self.schemas.from_parameter(param, where)
        return out

    def _request_body(
        self, params: list[tuple[dict[str, Any], tuple[str | int, ...]]], consumes: list[str]
    ) -> dict[str, Any]:
        bodies = [(p, w) for p, w in params if p.get("in") == "body"]
        if bodies:
            param, where = bodies[0]
            return self._body(param, consumes, where)
        properties: dict[str, Any] = {}
        required: list[str] = []
        has_file = False
        for param, where in params:
            name = str(param.get("name", ""))
            schema = self.schemas.from_parameter(param, where)
            if param.get("description"):
                schema = {**schema, "description": param["description"]}
            properties[name] = schema
            has_file = has_file or param.get("type") == "file"
            if param.get("required"):
                required.append(name)
        form: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            form["required"] = required
        media = list(consumes)
        if not any(m in FORM_TYPES for m in media):
            media.insert(0, FORM_TYPES[1] if has_file else FORM_TYPES[0])
        body: dict[str, Any] = {"content": {m: {"schema": form} for m in media}}
        if required:
            body["required"] = True
        return body

    def _body(self, param: dict[str, Any], consumes: list[str], where: tuple[str | int, ...]) -> dict[str, Any]:
        schema = self.schemas.convert(param.get("schema", {}), (*where, "schema"))
        body: dict[str, Any] = {"content": {m: {"schema": schema} for m in consumes}}
        for key in ("description", "required"):
            if key in param:
                body[key] = param[key]
        body["x-codegen-request-body-name"] = param.get("name", "body")
        body.update(_extensions(param))
        return body

    def _response(self, resp: Any, produces: list[str], where: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(resp, dict):
            return {"description": ""}
        if isinstance(resp.get("$ref"), str):
            return {"$ref": convert_ref(resp["$ref"])}
        out: dict[str, Any] = {"description": str(resp.get("description", ""))}
        examples = _dict(resp.get("examples"))
        if "schema" in resp or examples:
            schema = self.schemas.convert(resp["schema"], (*where, "schema")) if "schema" in resp else None
            media = list(produces) + [m for m in examples if m not in produces]
            content: dict[str, Any] = {}
            for mt in media:
                entry: dict[str, Any] = {} if schema is None else {"schema": schema}
                if mt in examples:
                    entry["example"] = examples[mt]
                content[mt] = entry
            out["content"] = content
        headers = _dict(resp.get("headers"))
        if headers:
            out["headers"] = {
                name: self._header(h, (*where, "headers", name)) for name, h in headers.items() if isinstance(h, dict)
            }
        out.update(_extensions(resp))
        return out

    def _header(self, header: dict[str, Any], where: tuple[str, ...]) -> dict[str, Any]:
        out: dict[str, Any] = {"schema": self.schemas.from_parameter(header, where)}
        if "description" in header:
            out["description"] = header["description"]
        out.update(_extensions(header))
        return out

    def _security_scheme(self, scheme: Any, where: tuple[str, ...]) -> dict[str, Any]:
        scheme = _dict(scheme)
        kind = scheme.get("type")
        out: dict[str, Any]
        if kind == "basic":
            out = {"type": "http", "scheme": "basic"}
        elif kind == "apiKey":
            out = {"type": "apiKey", "name": scheme.get("name", ""), "in": scheme.get("in", "header")}
        elif kind == "oauth2":
            flow_name = _OAUTH_FLOWS.get(str(scheme.get("flow")), "implicit")
            flow: dict[str, Any] = {"scopes": _dict(scheme.get("scopes"))}
            for key in ("authorizationUrl", "tokenUrl"):
                if key in scheme:
                    flow[key] = scheme[key]
            out = {"type": "oauth2", "flows": {flow_name: flow}}
        else:
            self.diags.warn(self.given, pointer(*where, "type"), f"unknown security scheme type {kind!r}", "swagger2")
            out = {"type": "http", "scheme": str(kind)}
        if "description" in scheme:
            out["description"] = scheme["description"]
        out.update(_extensions(scheme))
        return out


def convert_ref(ref: str) -> str:
    """``#/definitions/X`` -> ``#/components/schemas/X`` (and parameters, responses); other refs unchanged."""
    for old, new in _REF_PREFIXES.items():
        if ref.startswith(old):
            return new + ref[len(old) :]
    return ref


class SchemaConverter:
    """Swagger 2.0 schemas -> OpenAPI 3.0 schemas (new objects; the input is not changed)."""

    def __init__(self, given: str, diags: Diagnostics) -> None:
        self.given, self.diags = given, diags

    def from_parameter(self, param: dict[str, Any], where: tuple[str | int, ...]) -> dict[str, Any]:
        """The schema of a non-body parameter, a header or an Items object."""
        schema: dict[str, Any] = self.convert({k: param[k] for k in _PARAM_SCHEMA_KEYS if k in param}, where)
        return schema

    def convert(self, schema: Any, where: tuple[str | int, ...]) -> Any:
        if not isinstance(schema, dict):
            return schema
        if isinstance(schema.get("$ref"), str):
            return {"$ref": convert_ref(schema["$ref"])}
        out: dict[str, Any] = {}
        for key, value in schema.items():
            at = (*where, key)
            if key == "type":
                out.update(self._type(value, at))
            elif key == "items":
                out["items"] = self._items(value, at)
            elif key in _SCHEMA_MAPS and isinstance(value, dict):
                out[key] = {name: self.convert(sub, (*at, name)) for name, sub in value.items()}
            elif key in _SCHEMA_LISTS and isinstance(value, list):
                out[key] = [self.convert(sub, (*at, i)) for i, sub in enumerate(value)]
            elif key in ("not", "additionalProperties") and isinstance(value, dict):
                out[key] = self.convert(value, at)
            elif key == "discriminator" and isinstance(value, str):
                out[key] = {"propertyName": value}
            else:
                out[key] = value
        if schema.get("x-nullable") is True:
            out["nullable"] = True
        return out

    def _type(self, value: Any, where: tuple[str | int, ...]) -> dict[str, Any]:
        if value == "file":
            return {"type": "string", "format": "binary"}
        if value == "null":
            self._repaired(where, "type 'null' is not OpenAPI 3.0; rewritten as nullable: true, enum: [null]")
            return {"nullable": True, "enum": [None]}
        if not isinstance(value, list):
            return {"type": value}
        types = [t for t in value if t != "null"]
        out: dict[str, Any] = {"nullable": True} if len(types) < len(value) else {}
        if len(types) == 1:
            out["type"] = types[0]
        elif types:
            out["anyOf"] = [{"type": t} for t in types]
        elif "nullable" in out:
            out["enum"] = [None]
        self._repaired(where, f"type list {value!r} is not OpenAPI 3.0; rewritten as {out!r}")
        return out

    def _items(self, value: Any, where: tuple[str | int, ...]) -> Any:
        if not isinstance(value, list):
            return self.convert(value, where)
        converted = [self.convert(sub, (*where, i)) for i, sub in enumerate(value)]
        self._repaired(
            where, f"tuple-form items (a list of {len(value)} schemas) is not OpenAPI 3.0; rewritten as items: anyOf"
        )
        if len(converted) == 1:
            return converted[0]
        return {"anyOf": converted} if converted else {}

    def _repaired(self, where: tuple[str | int, ...], message: str) -> None:
        self.diags.warn(self.given, pointer(*where), message, "swagger2-repair")
