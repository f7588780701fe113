"""The runtime spec (``spec.json``, the IR as JSON) as plain dicts plus the lookups the runtime needs."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson

Op = dict[str, Any]
"""One operation of spec.json (field names of ``twingen.ir.model.Operation``)."""

_REF_PREFIX = "#/components/schemas/"

_SCHEME_OF_KIND = {"bearer": "bearer", "oauth2": "bearer", "basic": "basic", "apikey": "apikey"}


class Spec:
    """Read-only view over spec.json. Indexes that only some requests need are built on first use."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.name: str = data.get("name", "twin")
        self.vendor: str = data.get("vendor", "generic")
        self.base_url: str = data.get("base_url", "")
        self.operations: dict[str, Op] = {op["id"]: op for op in data.get("operations", ())}
        self.schemas: Mapping[str, Any] = data.get("schemas") or {}
        self.auth_schemes: dict[str, dict[str, Any]] = {s["name"]: s for s in data.get("auth_schemes", ())}
        self._resources: dict[str, tuple[dict[str, Any], str]] | None = None

    @classmethod
    def load(cls, path: str | Path) -> Spec:
        return cls(orjson.loads(Path(path).read_bytes()))

    def resource_of(self, op_id: str) -> tuple[dict[str, Any], str] | None:
        """The resource an operation acts on and its CRUD role, whatever the inference's confidence."""
        if self._resources is None:
            index: dict[str, tuple[dict[str, Any], str]] = {}
            for resource in self.data.get("resources", ()):
                for oid, role in (resource.get("operations") or {}).items():
                    index.setdefault(oid, (resource, role))
            self._resources = index
        return self._resources.get(op_id)

    def resources(self) -> list[dict[str, Any]]:
        return list(self.data.get("resources", ()))

    def schemes_of(self, op: Op) -> set[str]:
        """Credential schemes (bearer/basic/apikey) any one of which the operation accepts."""
        found = set()
        for name in op.get("auth") or ():
            scheme = self.auth_schemes.get(name)
            # an auth name without a declared scheme still means "some credential": accept a bearer token
            found.add(_SCHEME_OF_KIND.get(scheme["kind"], "bearer") if scheme else "bearer")
        return found

    def credential_schemes(self) -> list[tuple[str, dict[str, Any]]]:
        """One (credential scheme, auth scheme) per distinct credential scheme, in declaration order."""
        seen: dict[str, dict[str, Any]] = {}
        for scheme in self.auth_schemes.values():
            seen.setdefault(_SCHEME_OF_KIND.get(scheme.get("kind", ""), "bearer"), scheme)
        return list(seen.items())

    def resolve(self, schema: Any) -> Any:
        """Follow ``$ref``s (``#/components/schemas/NAME``) until a schema that is not a bare reference."""
        seen = 0
        while isinstance(schema, Mapping) and "$ref" in schema and seen < 32:
            schema = self.schemas.get(ref_name(schema["$ref"]), {})
            seen += 1
        return schema


def ref_name(ref: str) -> str:
    return ref[len(_REF_PREFIX) :] if ref.startswith(_REF_PREFIX) else ref.rsplit("/", 1)[-1]


def success_response(op: Op) -> dict[str, Any] | None:
    """The response a successful call gives: the lowest 2xx, else 2XX, else ``default``."""
    responses = op.get("responses") or ()
    exact = sorted((r for r in responses if r["status"].isdigit() and r["status"].startswith("2")), key=_status)
    if exact:
        return exact[0]  # type: ignore[no-any-return]
    for r in responses:
        if r["status"].upper() == "2XX":
            return r  # type: ignore[no-any-return]
    for r in responses:
        if r["status"] == "default":
            return r  # type: ignore[no-any-return]
    return None


def success_status(op: Op) -> int:
    found = success_response(op)
    return int(found["status"]) if found and found["status"].isdigit() else 200


def _status(response: Mapping[str, Any]) -> int:
    return int(response["status"])
