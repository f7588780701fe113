"""Resource inference: which operations create, read, list, update and delete which collection.

REST APIs are read from path structure (``/things`` and ``/things/{thingId}``, nested under a parent's
item path) and verbs. RPC APIs (Slack's ``/api/family.verb``) are in ``twingen.ir.resources_rpc``.
Every Resource says why it came out as it did; only confident ones get inferred CRUD at runtime, so a
guess that is merely plausible stays a stub.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from twingen.ir import schemarefs
from twingen.ir.model import CrudRole, JsonSchema, Operation, Resource
from twingen.ir.names import NameAllocator, python_identifier
from twingen.ir.resources_rpc import infer_rpc_resources

_TEMPLATE = re.compile(r"^\{[^{}/]+\}$")
# A literal segment that names a collection: no template, no colon verb (``{id}:batchUpdate``), no RPC dot.
_COLLECTION = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_COLLECTION_ROLES: Mapping[str, CrudRole] = {"GET": "list", "POST": "create"}
_ITEM_ROLES: Mapping[str, CrudRole] = {"GET": "read", "PATCH": "update", "PUT": "replace", "DELETE": "delete"}


@dataclass
class _Group:
    """Operations found on one collection path (parameter names ignored) and its item path."""

    name: str
    collection_path: str
    parent_key: str
    id_param: str = ""
    roles: dict[CrudRole, Operation] = field(default_factory=dict)
    item_posts: list[Operation] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def infer_resources(
    operations: Sequence[Operation], schemas: Mapping[str, JsonSchema], vendor: str
) -> tuple[Resource, ...]:
    """Resources from REST paths, then from RPC method families, with unique python names."""
    groups = _groups(operations)
    found = [_resource(key, group, groups, schemas) for key, group in groups.items() if len(group.roles) >= 2]
    found.extend(infer_rpc_resources(operations, schemas, vendor))
    return tuple(_named(found))


def _named(found: Sequence[Resource]) -> list[Resource]:
    """Unique python names. A name several collections share (Okta ``users`` at the top and under apps)
    stays bare for the least nested one; the others are qualified by their parent or owning path segment,
    so runtime state collections never collide."""
    shallowest: dict[str, Resource] = {}
    for resource in found:
        best = shallowest.get(resource.name)
        if best is None or _depth(resource) < _depth(best):
            shallowest[resource.name] = resource
    names = NameAllocator()
    python_names: dict[int, str] = {}
    # Bare names are handed out first, so a nested namesake earlier in the document cannot take one.
    for i in sorted(range(len(found)), key=lambda i: found[i] is not shallowest[found[i].name]):
        resource = found[i]
        base = resource.name if resource is shallowest[resource.name] else f"{_owner(resource)}_{resource.name}"
        python_names[i] = names.allocate(python_identifier(base, "resource"))
    return [replace(resource, python_name=python_names[i]) for i, resource in enumerate(found)]


def _depth(resource: Resource) -> int:
    return resource.collection_path.count("{")


def _owner(resource: Resource) -> str:
    if resource.parent:
        return resource.parent
    literals = [s for s in _split(resource.collection_path) if not _TEMPLATE.match(s)]
    return literals[-2] if len(literals) >= 2 else "nested"


def _split(path: str) -> list[str]:
    return [s for s in path.split("/") if s]


def _key(segments: Sequence[str]) -> str:
    return "/" + "/".join("{}" if _TEMPLATE.match(s) else s for s in segments)


def _groups(operations: Sequence[Operation]) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    for op in operations:
        segments = _split(op.path)
        if len(segments) >= 2 and _TEMPLATE.match(segments[-1]) and _COLLECTION.match(segments[-2]):
            group = _group(groups, segments[:-1])
            param = segments[-1][1:-1]
            if not group.id_param:
                group.id_param = param
            elif param != group.id_param:
                group.reasons.append(f"{op.id}: item path names its id {{{param}}}, not {{{group.id_param}}}; left out")
                continue
            if op.method == "POST":
                group.item_posts.append(op)
            elif op.method in _ITEM_ROLES:
                _assign(group, _ITEM_ROLES[op.method], op, f"{op.method} on the item path")
        elif segments and _COLLECTION.match(segments[-1]) and op.method in _COLLECTION_ROLES:
            _assign(_group(groups, segments), _COLLECTION_ROLES[op.method], op, f"{op.method} on the collection path")
    for group in groups.values():
        for op in group.item_posts:
            # Okta updates with POST on the item (PUT replaces); accept that only where nothing else updates.
            if "update" not in group.roles and op.request_body is not None:
                _assign(group, "update", op, "POST with a body on the item path, and no PATCH")
    return groups


def _group(groups: dict[str, _Group], segments: Sequence[str]) -> _Group:
    key = _key(segments)
    if key not in groups:
        parent = list(segments[:-1])
        parent_key = _key(parent[:-1]) if parent and _TEMPLATE.match(parent[-1]) else ""
        groups[key] = _Group(segments[-1], "/" + "/".join(segments), parent_key)
    return groups[key]


def _assign(group: _Group, role: CrudRole, op: Operation, why: str) -> None:
    if role in group.roles:
        group.reasons.append(f"{op.id} also looks like {role} ({why}); kept {group.roles[role].id}")
        return
    group.roles[role] = op
    group.reasons.append(f"{op.id} {role}s: {why}")


def _resource(key: str, group: _Group, groups: Mapping[str, _Group], schemas: Mapping[str, JsonSchema]) -> Resource:
    roles = group.roles
    schema = _schema_name(roles, schemas)
    confident = "read" in roles and ("create" in roles or "list" in roles)
    reasons = list(group.reasons)
    if confident:
        reasons.append("confident: an item path is read and the collection is " + _how_filled(roles))
    else:
        missing = "no read on an item path" if "read" not in roles else "neither create nor list on the collection"
        reasons.append(f"not confident: {missing}")
    if schema:
        reasons.append(f"object schema {schema} from the {'read' if 'read' in roles else 'other'} answer")
    parent = groups.get(group.parent_key)
    return Resource(
        name=group.name,
        python_name="",
        collection_path=group.collection_path,
        id_param=group.id_param,
        id_field=schemarefs.id_field(schema, group.id_param, schemas),
        parent=parent.name if parent is not None and len(parent.roles) >= 2 else "",
        operations={op.id: role for role, op in roles.items()},
        schema=schema,
        confident=confident,
        reasons=tuple(reasons),
    )


def _how_filled(roles: Mapping[CrudRole, Operation]) -> str:
    return " and ".join(word for role, word in (("create", "created"), ("list", "listed")) if role in roles)


def _schema_name(roles: Mapping[CrudRole, Operation], schemas: Mapping[str, JsonSchema]) -> str:
    """The component of one object: the read answer's, else the create answer's, else the list's items."""
    preferred: tuple[CrudRole, ...] = ("read", "create", "replace", "update")
    for role in preferred:
        op = roles.get(role)
        name = schemarefs.ref_name(schemarefs.success_schema(op)) if op is not None else ""
        if name and not schemarefs.is_array({"$ref": schemarefs.COMPONENT_PREFIX + name}, schemas):
            return name
    listing = roles.get("list")
    if listing is None:
        return ""
    answer = schemarefs.success_schema(listing)
    if answer is not None and schemarefs.is_array(answer, schemas):
        return schemarefs.array_item_ref(answer, schemas)
    items = listing.paging.response_items if listing.paging is not None else ""
    props = schemarefs.object_properties(answer, schemas)
    return schemarefs.array_item_ref(props.get(items), schemas) if items else ""
