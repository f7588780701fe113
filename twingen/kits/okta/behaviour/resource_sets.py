"""Resource sets: named collections of resources (apps, groups, all users...) that custom admin roles are bound to,
the scope of a custom role's permissions; the resources of each set.

What Okta does (recorded answers of okta-sdk-python's cassettes, and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ResourceSet/):
- ids start ``iam``; a set answers ``id``, ``label``, ``description``, ``created``, ``lastUpdated`` and ``_links``
  (``bindings``, ``self``, ``resources``); it is found by id or by label;
- a set needs a ``label`` (E0000001 "label: Label must be specified") and at least one resource, each an Okta
  Resource Name (ORN) or the REST URL of the object;
- lists are wrapped: ``{"_links": {...}, "resource-sets": [...]}``, ``{"resources": [...], "_links": {...}}``;
  a resource answers ``id`` (``ire``), ``orn``, ``created``, ``lastUpdated`` and ``_links`` (``self``: the object's
  own API URL, ``resource``: its place in the set);
- an unknown set or resource is 404 ``(IAMPolicy)``.
Bindings (a custom role and its members on a set) are in ``resource_sets_bindings.py``.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _log, _paging, _store
from ._errors import not_found, okta_error
from ._links import href
from .org import orn as org_orn

SETS = "resource_sets"
RESOURCES = "resource_set_resources"
TITLE = "IAMPolicy"
# ORN kinds and the API path of the object each names
_ORN = re.compile(r"orn:okta:(?:idp|directory|iam|governance|workflow):[^:]+:(\w+)(?::([^:]+))?(?::([^:]+))?(?::.*)?")
_PATHS = {
    "apps": "/api/v1/apps",
    "groups": "/api/v1/groups",
    "users": "/api/v1/users",
    "authorization_servers": "/api/v1/authorizationServers",
    "policies": "/api/v1/policies",
    "identity_providers": "/api/v1/idps",
    "devices": "/api/v1/devices",
    "realms": "/api/v1/realms",
}
# a REST URL names the object, its whole family, or (``/groups/{id}/users``) the group's members, the ORN's
# ``contained_resources`` (https://developer.okta.com/docs/api/openapi/okta-management/guides/roles/#supported-resources)
_REST = re.compile(r"https?://[^/]+(/api/v1/(\w+)(?:/([^/?#]+)(/users)?)?)/?")


def find(ctx: Context, ref: str | None = None) -> dict[str, Any]:
    wanted = ref if ref is not None else str(ctx.params.get("resourceSetIdOrLabel") or "")
    found = ctx.state.collection(SETS).get(wanted)
    if found is None:
        found = next((s for s in ctx.state.collection(SETS).values() if s.get("label") == wanted), None)
    if found is None:
        raise not_found(wanted, TITLE)
    return found


def render(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    path = f"/api/v1/iam/resource-sets/{record['id']}"
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    shown["_links"] = {
        "bindings": {"href": href(ctx, path + "/bindings")},
        "self": {"href": href(ctx, path)},
        "resources": {"href": href(ctx, path + "/resources")},
    }
    return shown


def _invalid(field: str, reason: str) -> Exception:
    return okta_error("E0000001", f"Api validation failed: {field}", causes=[f"{field}: {reason}"])


def _object_path(ctx: Context, ref: str) -> tuple[str, str]:
    """(ORN, the object's API path) for a resource given as an ORN or as the object's REST URL."""
    orn = _ORN.fullmatch(ref)
    if orn:
        kind = orn.group(1)
        ident = orn.group(3) if kind == "apps" and orn.group(3) else orn.group(2)
        base = _PATHS.get(kind)
        if base is None:
            raise _invalid("resources", f"'{ref}' is not a supported resource.")
        return ref, f"{base}/{ident}" if ident else base
    rest = _REST.fullmatch(ref)
    if rest and rest.group(2) in {p.rsplit("/", 1)[-1] for p in _PATHS.values()}:
        kind = next(k for k, p in _PATHS.items() if p.endswith("/" + rest.group(2)))
        orn_ = org_orn(ctx, "directory", kind, rest.group(3))
        if rest.group(4) and kind != "groups":
            raise _invalid("resources", f"'{ref}' is neither an Okta resource name nor a resource URL.")
        return orn_ + (":contained_resources" if rest.group(4) else ""), rest.group(1)
    raise _invalid("resources", f"'{ref}' is neither an Okta resource name nor a resource URL.")


def _add(ctx: Context, record: dict[str, Any], refs: Any) -> None:
    if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
        raise _invalid("resources", "The field must be a list of resource names or URLs.")
    made = [_object_path(ctx, ref) for ref in refs]
    now = iso8601(ctx.now())
    kept = ctx.state.collection(RESOURCES)
    present = {r["orn"] for k, r in kept.scan() if k.startswith(record["id"] + "/")}
    for orn, path in made:
        if orn in present:
            continue
        resource = {"id": _store.new_id(ctx, "ire"), "orn": orn, "created": now, "lastUpdated": now, "_path": path}
        kept.put(f"{record['id']}/{resource['id']}", resource)
        present.add(orn)


@behaviour("listResourceSets")
def list_(ctx: Context) -> Response:
    limit = 100
    page, more = _paging.take(_paging.walk(ctx.state.collection(SETS), _paging.cursor_of(ctx)), limit)
    body: dict[str, Any] = {
        "resource-sets": [render(ctx, r) for _, r in page],
        "_links": {"self": {"href": href(ctx, "/api/v1/iam/resource-sets")}},
    }
    if more and page:
        after = _paging.cursor(page[-1][0])
        body["_links"]["next"] = {"href": href(ctx, f"/api/v1/iam/resource-sets?after={after}")}
    return Response(200, {"_links": body["_links"], "resource-sets": body["resource-sets"]})


@behaviour("createResourceSet")
def create(ctx: Context) -> Any:
    body = _store.body_object(ctx)
    label = body.get("label")
    if not isinstance(label, str) or not label.strip():
        raise _invalid("label", "Label must be specified")
    if any(s.get("label") == label for s in ctx.state.collection(SETS).values()):
        raise _invalid("label", "A resource set with this label already exists")
    if not body.get("resources"):
        raise _invalid("resources", "At least one resource must be specified")
    now = iso8601(ctx.now())
    record: dict[str, Any] = {
        "id": _store.new_id(ctx, "iam"),
        "label": label,
        "description": body.get("description"),
        "created": now,
        "lastUpdated": now,
    }
    _add(ctx, record, body["resources"])
    ctx.state.collection(SETS).put(record["id"], record)
    _log.record(ctx, "iam.resourceset.create", [_log.target("ResourceSet", record["id"], label, label)])
    return render(ctx, record)


@behaviour("getResourceSet")
def get(ctx: Context) -> Any:
    return render(ctx, find(ctx))


@behaviour("replaceResourceSet")
def replace(ctx: Context) -> Any:
    record = find(ctx)
    body = _store.body_object(ctx)
    label = body.get("label")
    if not isinstance(label, str) or not label.strip():
        raise _invalid("label", "Label must be specified")
    record.update({"label": label, "description": body.get("description"), "lastUpdated": iso8601(ctx.now())})
    ctx.state.collection(SETS).put(record["id"], record)
    _log.record(ctx, "iam.resourceset.update", [_log.target("ResourceSet", record["id"], label, label)])
    return render(ctx, record)


@behaviour("deleteResourceSet")
def delete(ctx: Context) -> Response:
    record = find(ctx)
    for name in (RESOURCES, "resource_set_bindings", "resource_set_members"):
        kept = ctx.state.collection(name)
        for key in [k for k in kept if k.startswith(record["id"] + "/")]:
            kept.delete(key)
    ctx.state.collection(SETS).delete(record["id"])
    _log.record(ctx, "iam.resourceset.delete", [_log.target("ResourceSet", record["id"], record["label"])])
    return Response(204, None)


def _resource_view(ctx: Context, set_id: str, resource: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in resource.items() if not k.startswith("_")}
    place = f"/api/v1/iam/resource-sets/{set_id}/resources/{resource['id']}"
    shown["_links"] = {"self": {"href": href(ctx, resource["_path"])}, "resource": {"href": href(ctx, place)}}
    return shown


def _resources(ctx: Context, record: dict[str, Any]) -> Response:
    prefix = record["id"] + "/"
    after = _paging.cursor_of(ctx)
    rows = (
        (k, r)
        for k, r in _paging.walk(ctx.state.collection(RESOURCES), None if after is None else prefix + after)
        if k.startswith(prefix)
    )
    limit = _paging.limit_of(ctx, 100)
    page, more = _paging.take(rows, limit)
    path = f"/api/v1/iam/resource-sets/{record['id']}"
    links: dict[str, Any] = {
        "resource-set": {"href": href(ctx, path)},
        "self": {"href": href(ctx, path + "/resources")},
    }
    if more and page:
        cursor = _paging.cursor(page[-1][0].split("/", 1)[1])
        links["next"] = {"href": href(ctx, f"{path}/resources?after={cursor}&limit={limit}")}
    return Response(200, {"resources": [_resource_view(ctx, record["id"], r) for _, r in page], "_links": links})


@behaviour("listResourceSetResources")
def list_resources(ctx: Context) -> Response:
    return _resources(ctx, find(ctx))


@behaviour("addResourceSetResources")
def add_resources(ctx: Context) -> Any:
    record = find(ctx)
    additions = _store.body_object(ctx).get("additions")
    if not additions:
        raise _invalid("additions", "At least one resource must be specified")
    _add(ctx, record, additions)
    record["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(SETS).put(record["id"], record)
    return render(ctx, record)


@behaviour("addResourceSetResource")
def add_resource(ctx: Context) -> Any:
    record = find(ctx)
    body = _store.body_object(ctx)
    ref = body.get("resourceOrnOrUrl") or body.get("resourceOrnOrId") or body.get("orn")
    _add(ctx, record, [ref] if isinstance(ref, str) else ref)
    kept = [r for k, r in ctx.state.collection(RESOURCES).scan() if k.startswith(record["id"] + "/")]
    return _resource_view(ctx, record["id"], kept[-1])


def _resource(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    resource_id = str(ctx.params.get("resourceId") or "")
    found = ctx.state.collection(RESOURCES).get(f"{record['id']}/{resource_id}")
    if found is None:
        raise not_found(resource_id, TITLE)
    return found


@behaviour("getResourceSetResource")
def get_resource(ctx: Context) -> Any:
    record = find(ctx)
    return _resource_view(ctx, record["id"], _resource(ctx, record))


@behaviour("replaceResourceSetResource")
def replace_resource(ctx: Context) -> Any:
    record = find(ctx)
    resource = _resource(ctx, record)
    resource["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(RESOURCES).put(f"{record['id']}/{resource['id']}", resource)
    return _resource_view(ctx, record["id"], resource)


@behaviour("deleteResourceSetResource")
def delete_resource(ctx: Context) -> Response:
    record = find(ctx)
    resource = _resource(ctx, record)
    ctx.state.collection(RESOURCES).delete(f"{record['id']}/{resource['id']}")
    return Response(204, None)
