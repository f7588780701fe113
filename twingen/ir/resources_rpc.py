"""Resource inference for RPC APIs whose paths are ``/api/family.verb`` (Slack).

A method family (``conversations``) is a collection when its verbs line up with CRUD roles
(``create``/``info``/``list``...). The id travels as a request parameter, found by matching the field
the read answer wraps its object in (``conversations.info`` answers ``{"channel": {...}}`` and takes
``channel``). Verb names are a weaker signal than REST paths, so a family is confident only when
create, read and list are all there and the id parameter was found.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from twingen.ir import schemarefs
from twingen.ir.model import CrudRole, JsonSchema, Operation, Resource
from twingen.kits import ir_rules

_RPC_SEGMENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$")
_VERB_ROLES: Mapping[str, CrudRole] = {
    "create": "create",
    "add": "create",
    "info": "read",
    "get": "read",
    "list": "list",
    "update": "update",
    "edit": "update",
    "delete": "delete",
    "remove": "delete",
}
# Members of the answer that are envelope, not the object (Slack's ``ok``, cursor metadata, warnings).
_ENVELOPE = frozenset({"ok", "response_metadata", "warning", "needed", "provided"})


def infer_rpc_resources(
    operations: Sequence[Operation], schemas: Mapping[str, JsonSchema], vendor: str
) -> list[Resource]:
    """One Resource per method family with at least two CRUD verbs."""
    families: dict[str, dict[CrudRole, Operation]] = {}
    unmapped: dict[str, list[str]] = {}
    for op in operations:
        last = op.path.rsplit("/", 1)[-1]
        if "{" in op.path or not _RPC_SEGMENT.match(last):
            continue
        family, verb = last.rsplit(".", 1)
        role = _VERB_ROLES.get(verb)
        if role is None:
            unmapped.setdefault(family, []).append(op.id)
        else:
            families.setdefault(family, {}).setdefault(role, op)
    return [
        _resource(family, roles, unmapped.get(family, []), schemas, vendor)
        for family, roles in families.items()
        if len(roles) >= 2
    ]


def _resource(
    family: str,
    roles: Mapping[CrudRole, Operation],
    unmapped: list[str],
    schemas: Mapping[str, JsonSchema],
    vendor: str,
) -> Resource:
    reasons = [
        f"{op.id} {role}s: method family {family!r}, verb {op.id.rsplit('.', 1)[-1]!r}" for role, op in roles.items()
    ]
    if unmapped:
        reasons.append("no CRUD role for " + ", ".join(unmapped))
    read, create = roles.get("read"), roles.get("create")
    singular = _singular(family.rsplit(".", 1)[-1])
    wrapper, schema = _wrapped_object(read, singular, schemas) if read is not None else ("", "")
    created_in = _wrapped_object(create, singular, schemas)[0] if create is not None else ""
    id_param = _id_param(singular, read or next(iter(roles.values())), wrapper)
    missing = [role for role in ("create", "read", "list") if role not in roles]
    problem = ""
    if missing:
        problem = "no " + ", ".join(missing) + " method in the family"
    elif not id_param:
        problem = "no request parameter carries the object's id"
    elif not wrapper or created_in != wrapper:
        # reactions.add/get/list line up by name but create nothing with an id: the answers disagree.
        problem = f"create answers in {created_in or 'no member'!r}, read in {wrapper or 'no member'!r}"
    confident = not problem
    if confident:
        reasons.append(f"confident: create, read and list line up; the id travels as {id_param!r}")
    else:
        reasons.append(f"not confident: {problem}")
    if wrapper:
        reasons.append(f"the read answer wraps the object in {wrapper!r}" + (f" ({schema})" if schema else ""))
    if not ir_rules(vendor).rpc_paths:
        reasons.append(f"RPC-style paths in a {vendor} API")
    collection = roles.get("list") or roles.get("create") or next(iter(roles.values()))
    return Resource(
        name=family,
        python_name="",
        collection_path=collection.path,
        id_param=id_param,
        id_field=schemarefs.id_field(schema, id_param, schemas),
        operations={op.id: role for role, op in roles.items()},
        schema=schema,
        confident=confident,
        reasons=tuple(reasons),
    )


def _wrapped_object(op: Operation, singular: str, schemas: Mapping[str, JsonSchema]) -> tuple[str, str]:
    """(member of the answer holding the object, its component name); the family's own noun first."""
    answer = schemarefs.success_schema(op)
    props = schemarefs.object_properties(answer, schemas) if answer is not None else {}
    candidates = [(str(k), v) for k, v in props.items() if k not in _ENVELOPE]
    candidates.sort(key=lambda item: item[0] != singular)
    for name, prop in candidates:
        component = schemarefs.ref_name(prop)
        if component:
            return name, component
    if len(candidates) == 1:
        return candidates[0][0], ""
    example = next((r.example for r in op.responses if r.status.startswith("2") and r.example is not None), None)
    objects = [str(k) for k, v in example.items() if isinstance(v, dict)] if isinstance(example, Mapping) else []
    return (objects[0], "") if len(objects) == 1 else ("", "")


def _id_param(singular: str, op: Operation, wrapper: str) -> str:
    names = [p.name for p in op.parameters if p.location in ("query", "form") and p.name != "token"]
    for candidate in (wrapper, singular, f"{singular}_id", "id"):
        if candidate and candidate in names:
            return candidate
    required = [p.name for p in op.parameters if p.required and p.location in ("query", "form") and p.name != "token"]
    return required[0] if len(required) == 1 else ""


def _singular(word: str) -> str:
    # Slack families are simple English plurals (reminders, usergroups, files); "conversations" has no
    # "conversation" parameter, which is why the wrapped-answer member is tried first.
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
