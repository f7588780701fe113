"""Schema-valid answers for operations without behaviour: the spec's example when it fits, else synthesised.

Built on first use and cached as JSON bytes (the hot path sends them as they are); ``instance`` returns
a fresh copy for callers that fill it in (inferred CRUD).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from ..spec import Op, Spec, ref_name, success_response, success_status
from ..vendors import VendorProfile

_MAX_DEPTH = 8
_OMIT = object()
_FORMATS = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "00:00:00",
    "email": "user@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "hostname": "example.com",
    "ipv4": "127.0.0.1",
    "ipv6": "::1",
    "byte": "",
    "int64": "0",
    "uint64": "0",
    "google-datetime": "2024-01-01T00:00:00.000Z",
    "google-fieldmask": "",
    "google-duration": "0s",
}
_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}


class StubBuilder:
    def __init__(self, spec: Spec, profile: VendorProfile) -> None:
        self.spec = spec
        self.profile = profile
        self._responses: dict[str, tuple[int, bytes, str]] = {}
        self._schemas: dict[str, bytes] = {}

    def response(self, op: Op) -> tuple[int, bytes, str]:
        """(status, body bytes, media type) of the operation's success answer."""
        cached = self._responses.get(op["id"])
        if cached is None:
            cached = self._responses[op["id"]] = self._build(op)
        return cached

    def response_data(self, op: Op) -> Any:
        _, body, media_type = self.response(op)
        return orjson.loads(body) if body and "json" in media_type else None

    def instance(self, schema_name: str) -> Any:
        """A fresh synthesised object of a component schema (``{}`` when unknown)."""
        cached = self._schemas.get(schema_name)
        if cached is None:
            value = self.synthesise({"$ref": f"#/components/schemas/{schema_name}"}) if schema_name else {}
            cached = self._schemas[schema_name] = orjson.dumps(value if isinstance(value, dict) else {})
        return orjson.loads(cached)

    def _build(self, op: Op) -> tuple[int, bytes, str]:
        status = success_status(op)
        response = success_response(op) or {}
        media_type = response.get("media_type") or "application/json"
        if status == 204:
            return 204, b"", media_type
        if "json" not in media_type:
            example = response.get("example")
            return status, example.encode() if isinstance(example, str) else b"", media_type
        schema = response.get("schema")
        body = response.get("example")
        if body is None or not _fits(self.spec.resolve(schema), body):
            body = self.synthesise(schema) if schema else {}
            body = {} if body is _OMIT else body
        body = self.profile.success(_end_paging(op, body))
        return status, orjson.dumps(body), self.profile.media_type

    def synthesise(self, schema: Any, depth: int = 0, seen: frozenset[str] = frozenset()) -> Any:
        if not isinstance(schema, Mapping) or depth > _MAX_DEPTH:
            return _OMIT
        if "$ref" in schema:
            name = ref_name(schema["$ref"])
            if name in seen:
                return _OMIT  # a cycle (Jira, Google Docs): stop rather than recurse forever
            return self.synthesise(self.spec.schemas.get(name, {}), depth + 1, seen | {name})
        for key in ("example", "default", "const"):
            if key in schema and _fits(schema, schema[key]):
                return schema[key]
        if schema.get("enum"):
            return schema["enum"][0]
        if "allOf" in schema:
            return self._all_of(schema, depth, seen)
        for key in ("oneOf", "anyOf"):
            options = [o for o in schema.get(key) or () if self.spec.resolve(o).get("type") != "null"]
            if options:
                return self.synthesise(options[0], depth + 1, seen)
        kind = _type(schema)
        if kind == "object" or (kind is None and "properties" in schema):
            return self._object(schema, depth, seen)
        if kind == "array":
            item = self.synthesise(schema.get("items") or {}, depth + 1, seen)
            return [] if item is _OMIT else [item]
        if kind == "string":
            return _FORMATS.get(schema.get("format", ""), "string")
        if kind == "integer":
            return int(schema.get("minimum", 0))
        if kind == "number":
            return float(schema.get("minimum", 0))
        if kind == "boolean":
            return False
        return {} if kind is None else None

    def _object(self, schema: Mapping[str, Any], depth: int, seen: frozenset[str]) -> dict[str, Any]:
        required = set(schema.get("required") or ())
        out: dict[str, Any] = {}
        for name, prop in (schema.get("properties") or {}).items():
            value = self.synthesise(prop, depth + 1, seen)
            if value is _OMIT:
                if name not in required:
                    continue
                value = {} if _type(self.spec.resolve(prop)) in ("object", None) else None
            out[name] = value
        return out

    def _all_of(self, schema: Mapping[str, Any], depth: int, seen: frozenset[str]) -> Any:
        merged: dict[str, Any] = {}
        for part in [*schema["allOf"], {k: v for k, v in schema.items() if k != "allOf"}]:
            value = self.synthesise(part, depth + 1, seen)
            if isinstance(value, dict):
                merged.update(value)
            elif value is not _OMIT and not merged and len(schema["allOf"]) == 1:
                return value
        return merged


def _type(schema: Mapping[str, Any]) -> str | None:
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    return kind if isinstance(kind, str) else None


def _fits(schema: Any, value: Any) -> bool:
    """Whether an example has the declared JSON type (vendor examples sometimes do not: Okta)."""
    if not isinstance(schema, Mapping):
        return True
    kind = _type(schema)
    if kind is None or value is None:
        return value is not None
    if isinstance(value, bool) and kind in ("integer", "number"):
        return False
    return isinstance(value, _JSON_TYPES.get(kind, (object,)))


def _end_paging(op: Op, body: Any) -> Any:
    """A stub is one page: clear the next-page marker, or an SDK's paginator would loop forever."""
    if not isinstance(body, dict):
        return body
    paging = op.get("paging") or {}
    next_path = paging.get("response_next") or ""
    if next_path:
        *parents, last = next_path.split(".")
        target: Any = body
        for key in parents:
            target = target.get(key) if isinstance(target, dict) else None
        if isinstance(target, dict) and last in target:
            target[last] = "" if paging.get("style") == "cursor" else None
            if target[last] is None:
                del target[last]
    body.pop("nextPageToken", None)
    metadata = body.get("response_metadata")
    if isinstance(metadata, dict) and metadata.get("next_cursor"):
        metadata["next_cursor"] = ""
    return body
