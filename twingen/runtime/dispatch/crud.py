"""Inferred CRUD for resources the inference is confident about: records in ``State`` shaped like answers.

Responses start from the operation's stub (so envelopes such as Slack's ``{"ok": true, "channel": ...}``
or Jira's page beans keep their shape) and the record or page is put where the schema says it goes.

A stored record holds what the client sent, the id the twin assigned, and only the server-set fields
the twin can be sure of: a constant ``kind`` (or any read-only constant), and creation / modification
timestamps (``createdTime``, ``created``, ``lastUpdated``...) when the schema says they are date-times.
Never the schema's placeholders: a client must not read ``"md5Checksum": "string"`` as data.
"""

from __future__ import annotations

import re
from typing import Any

from ..behaviour import Context
from ..clock import IdFactory, iso8601
from ..spec import Op, Spec, ref_name, success_response, success_status
from ..types import JSON, Problem, Response
from ..vendors import VendorProfile
from ..vendors.base import singular
from .paging import fill, items_path, set_path, window
from .stubs import StubBuilder

ROLES = frozenset({"create", "read", "list", "update", "replace", "delete"})
_CREATED = re.compile(r"^(created|creat(ed|ion|e)(_?(time|at|date|on|timestamp)))$", re.IGNORECASE)
_MODIFIED = re.compile(
    r"^(updated|modified|lastUpdated|lastModified|(last_?)?(updated|modified|update|modify)(_?(time|at|date|on|timestamp)))$",
    re.IGNORECASE,
)
_DATE_TIME = frozenset({"date-time", "google-datetime"})


class Crud:
    def __init__(self, spec: Spec, profile: VendorProfile, stubs: StubBuilder, ids: IdFactory) -> None:
        self.spec = spec
        self.ids = ids
        self.profile = profile
        self.stubs = stubs
        self._envelopes: dict[str, str] = {}

    def serves(self, op_id: str) -> tuple[dict[str, Any], str] | None:
        found = self.spec.resource_of(op_id)
        if found and found[0].get("confident") and found[1] in ROLES:
            return found
        return None

    def handle(self, ctx: Context, resource: dict[str, Any], role: str) -> JSON | Response:
        op = ctx.op
        id_param, id_field = resource.get("id_param") or "id", resource.get("id_field") or "id"
        collection = ctx.state.collection(self._collection_name(op, resource, ctx.params))
        if role == "list":
            return self._list(ctx, collection)
        if role == "create":
            given = self._input(ctx, resource, drop_id=False)
            # a client-chosen id (PUT-to-create, Slack ``name``-keyed objects) wins over a generated one
            record_id = str(given.get(id_field) or "") or self.profile.new_id(self.ids, resource)
            record = {**self._server_fields(op, resource, ctx.now(), created=True), **given, id_field: record_id}
            collection.put(record_id, record)
            return self._answer(op, resource, record)
        record_id = str(ctx.params.get(id_param) or "")
        found = collection.get(record_id)
        if found is None:
            raise self.profile.not_found(resource, record_id, op)
        record = found
        if role == "delete":
            collection.delete(record_id)
            return self._answer(op, resource, None)
        if role in ("update", "replace"):
            given = self._input(ctx, resource, drop_id=True)
            kept = record if role == "update" else self._kept(op, resource, record)
            modified = self._server_fields(op, resource, ctx.now(), created=False)
            record = {**kept, **modified, **given, id_field: record.get(id_field, record_id)}
            collection.put(record_id, record)
        return self._answer(op, resource, record)

    def _list(self, ctx: Context, collection: Any) -> JSON | Response:
        op = ctx.op
        paging = op.get("paging")
        limit_default = self._default_limit(op)
        asked = window(paging, ctx.params, limit_default)
        if asked is None:
            raise self.profile.validation(_bad_cursor(paging), op)
        offset, limit = asked
        records = collection.page(offset, limit)
        key = items_path(paging) or self._envelope(op, "list", None)
        body: Any = records if not key else self._base(op)
        if key:
            set_path(body, key, records)
        link = (ctx.base_url + ctx.path.split("?", 1)[0], dict(ctx.params)) if paging else None
        headers = fill(paging, body, offset, limit, len(collection), link)
        body = self.profile.success(body)
        return Response(success_status(op), body, headers) if headers else body

    def _answer(self, op: Op, resource: dict[str, Any], record: dict[str, Any] | None) -> JSON | Response:
        status = success_status(op)
        if status == 204:
            return Response(204, None)
        key = self._envelope(op, "one", resource)
        if record is None or key == "-":
            body = self.stubs.response_data(op)
        elif key:
            body = self._base(op)
            set_path(body, key, record)
        else:
            body = record
        return Response(status, self.profile.success(body)) if status != 200 else self.profile.success(body)

    def _base(self, op: Op) -> dict[str, Any]:
        data = self.stubs.response_data(op)
        return data if isinstance(data, dict) else {}

    def _server_fields(self, op: Op, resource: dict[str, Any], now: float, *, created: bool) -> dict[str, Any]:
        """Fields the server sets that the twin is sure of: constants, and the create/modify timestamps."""
        out: dict[str, Any] = {}
        for name, prop in self._properties(op, resource).items():
            fixed = _constant(name, prop)
            if fixed is not _NONE:
                if created:
                    out[name] = fixed
                continue
            is_time = prop.get("format") in _DATE_TIME and prop.get("type") in ("string", None)
            if is_time and (_MODIFIED.match(name) or (created and _CREATED.match(name))):
                out[name] = iso8601(now)
        return out

    def _kept(self, op: Op, resource: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
        """What a full replace keeps of the old record: the server-set fields (constants, ``created``)."""
        props = self._properties(op, resource)
        return {
            k: v for k, v in record.items() if k in props and (_constant(k, props[k]) is not _NONE or _CREATED.match(k))
        }

    def _properties(self, op: Op, resource: dict[str, Any]) -> dict[str, Any]:
        schema: Any = {"$ref": f"#/components/schemas/{resource['schema']}"} if resource.get("schema") else None
        if schema is None:
            key = self._envelope(op, "one", resource)
            schema = (success_response(op) or {}).get("schema")
            if key and key != "-":
                schema = (self.spec.resolve(schema) or {}).get("properties", {}).get(key)
            elif key == "-":
                return {}
        resolved = self.spec.resolve(schema) if schema else {}
        props = resolved.get("properties") if isinstance(resolved, dict) else None
        return {k: self.spec.resolve(v) for k, v in (props or {}).items() if isinstance(v, dict)}

    def _input(self, ctx: Context, resource: dict[str, Any], *, drop_id: bool) -> dict[str, Any]:
        if isinstance(ctx.body, dict):
            return dict(ctx.body)
        path_params = {p["name"] for p in ctx.op.get("parameters") or () if p["location"] in ("path", "header")}
        skip = path_params | self.profile.auth_params | ({resource.get("id_param")} if drop_id else set())
        return {k: v for k, v in ctx.params.items() if k not in skip}

    def _envelope(self, op: Op, kind: str, resource: dict[str, Any] | None) -> str:
        """Where the object (or list) sits in the answer: "" = the whole body, "-" = not at all."""
        cached = self._envelopes.get(op["id"])
        if cached is None:
            cached = self._envelopes[op["id"]] = self._find_envelope(op, kind, resource)
        return cached

    def _find_envelope(self, op: Op, kind: str, resource: dict[str, Any] | None) -> str:
        response = success_response(op) or {}
        raw = response.get("schema") or {}
        schema = self.spec.resolve(raw)
        wanted = (resource or {}).get("schema") or ""
        if not isinstance(schema, dict) or schema.get("type") == "array":
            return ""
        if wanted and isinstance(raw, dict) and ref_name(str(raw.get("$ref", ""))) == wanted:
            return ""
        props = schema.get("properties") or {}
        names = {singular(resource), resource.get("name"), resource.get("id_param")} if resource else set()
        for name, prop in props.items():
            target = prop.get("items", {}) if kind == "list" and isinstance(prop, dict) else prop
            if isinstance(target, dict) and wanted and ref_name(str(target.get("$ref", ""))) == wanted:
                return str(name)
        for name, prop in props.items():
            # a member named like the resource wraps it only if it holds an object: Okta's User has a scalar
            # ``id``, the resource's own id, and the record must not be nested under it
            if name in names and self._holds_object(prop):
                return str(name)
        if kind == "list":
            return next((str(n) for n, p in props.items() if isinstance(p, dict) and p.get("type") == "array"), "")
        # an RPC envelope ({"ok": true, ...}) that names no object: answer the stub, never the bare record
        return "-" if "ok" in props else ""

    def _holds_object(self, prop: Any) -> bool:
        resolved = self.spec.resolve(prop) if isinstance(prop, dict) else None
        if not isinstance(resolved, dict):
            return False
        return resolved.get("type") == "object" or "properties" in resolved or "allOf" in resolved

    def _collection_name(self, op: Op, resource: dict[str, Any], params: dict[str, Any]) -> str:
        # nested resources (permissions under files/{fileId}) get one collection per parent
        scope = [
            str(params.get(p["name"], ""))
            for p in op.get("parameters") or ()
            if p["location"] == "path" and p["name"] != resource.get("id_param")
        ]
        name = str(resource.get("name") or "records")
        return f"{name}@{'/'.join(scope)}" if scope and resource.get("parent") else name

    def _default_limit(self, op: Op) -> int:
        limit_name = (op.get("paging") or {}).get("request_limit")
        for param in op.get("parameters") or ():
            if param["name"] == limit_name:
                default = (self.spec.resolve(param.get("schema") or {}) or {}).get("default")
                if isinstance(default, int) and default > 0:
                    return default
        return self.profile.default_page_size


_NONE = object()


def _constant(name: str, prop: dict[str, Any]) -> Any:
    """A value every object of the schema has: ``const``, a one-value read-only enum, a ``kind`` default."""
    if "const" in prop:
        return prop["const"]
    enum = prop.get("enum")
    if prop.get("readOnly") and isinstance(enum, list) and len(enum) == 1:
        return enum[0]
    if name == "kind" and isinstance(prop.get("default"), str):
        return prop["default"]  # Google's discovery documents: "kind": {"default": "drive#file"}
    return _NONE


def _bad_cursor(paging: dict[str, Any] | None) -> list[Problem]:
    return [Problem((paging or {}).get("request_cursor") or "cursor", "query", "invalid", "")]
