"""Admin SDK Directory organizational units: list, get, insert, update, patch, delete.

Reference: https://developers.google.com/admin-sdk/directory/reference/rest/v1/orgunits and the guide
https://developers.google.com/admin-sdk/directory/v1/guides/manage-org-units. The root ``/`` always exists (the
customer's ``rootOrgUnitId``); a unit is named by its full path (without the leading slash in the URL) or ``id:...``.
Moving or renaming a unit moves its descendants and its users with it.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, State, behaviour
from . import _directory_model as dm
from . import _errors as err
from ._request import p_str
from .directory_customer import own_customer

__all__ = ["check_org_unit"]

Record = dict[str, Any]
_ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz"


def _units(state: State) -> list[Record]:
    return [unit for _, unit in state.collection("directory_orgunits").scan()]


def _by_path(state: State, path: str) -> Record | None:
    wanted = "/" + path.strip("/")
    return next((u for u in _units(state) if u["orgUnitPath"].casefold() == wanted.casefold()), None)


def _find(state: State, key: str) -> Record | None:
    """A unit by ``id:...`` or path; the root is a unit of its own (``/``), never stored."""
    customer = dm.customer(state)
    if key in ("/", "", customer.get("rootOrgUnitId")):
        return {"orgUnitId": customer.get("rootOrgUnitId", ""), "orgUnitPath": "/", "name": "", "root": True}
    found = state.collection("directory_orgunits").get(key) if key.startswith("id:") else _by_path(state, key)
    return dict(found) if found is not None else None  # flat: a copy, so a refused request changes nothing


def check_org_unit(state: State, path: Any) -> str:
    """``path`` when it is an org unit of the customer's (``/...``); else 400 "Invalid Input: INVALID_OU_ID" (the
    wording GAM shows: not confirmed)."""
    if not isinstance(path, str) or not path.startswith("/") or (path != "/" and _by_path(state, path) is None):
        raise dm.invalid_input("INVALID_OU_ID")
    return path


def render_unit(unit: Record) -> Record:
    out: Record = {"kind": "admin#directory#orgUnit", **unit}
    return {**out, "etag": dm.etag(unit["orgUnitId"], unit)}


def _unit(ctx: Context) -> Record:
    own_customer(ctx, "customerId")
    found = _find(ctx.state, p_str(ctx, "orgUnitPath") or "")
    if found is None or found.get("root"):
        raise err.google_error("notFound", "Org unit not found")  # not confirmed: Google's wording
    return found


def _parent(ctx: Context, body: Record, default: Record | None = None) -> Record:
    key = body.get("parentOrgUnitId") or body.get("parentOrgUnitPath")
    if key is None and default is not None:
        return default
    found = _find(ctx.state, key) if isinstance(key, str) else None
    if found is None:
        raise dm.invalid_input("INVALID_OU_ID")
    return found


def _name(body: Record, default: str | None = None) -> str:
    name = body.get("name", default)
    if not isinstance(name, str) or not name.strip() or "/" in name or len(name) > 60:
        raise dm.invalid_input("name")
    return name.strip()


@behaviour("directory.orgunits.list")
@dm.partial
def orgunits_list(ctx: Context) -> Record:
    """``type`` children (the default: immediate children), all (every descendant) or allIncludingParent."""
    dm.require_admin(ctx, "orgunit", write=False)
    own_customer(ctx, "customerId")
    kind = p_str(ctx, "type") or "children"
    base = _find(ctx.state, p_str(ctx, "orgUnitPath") or "/")
    if base is None:
        raise dm.invalid_input("INVALID_OU_ID")
    prefix = base["orgUnitPath"].rstrip("/") + "/"
    found = [
        u for u in _units(ctx.state)
        if u["orgUnitPath"].startswith(prefix) and (kind != "children" or u["parentOrgUnitPath"] == base["orgUnitPath"])
    ]  # fmt: skip
    if kind == "allIncludingParent" and not base.get("root"):
        found.insert(0, base)
    units = [render_unit(u) for u in sorted(found, key=lambda u: u["orgUnitPath"])]
    return dm.listing("admin#directory#orgUnits", dm.etag(prefix, len(found)), "organizationUnits", units)


@behaviour("directory.orgunits.get")
@dm.partial
def orgunits_get(ctx: Context) -> Record:
    dm.require_admin(ctx, "orgunit", write=False)
    return render_unit(_unit(ctx))


@behaviour("directory.orgunits.insert")
@dm.partial
def orgunits_insert(ctx: Context) -> Record:
    dm.require_admin(ctx, "orgunit", write=True)
    own_customer(ctx, "customerId")
    body = ctx.body if isinstance(ctx.body, dict) else {}
    name, parent = _name(body), _parent(ctx, body)
    path = parent["orgUnitPath"].rstrip("/") + "/" + name
    if _by_path(ctx.state, path) is not None:
        raise dm.duplicate()  # not confirmed: the answer for a path that exists
    unit_id = ctx.new_id("id:03ph8a2z", length=10, alphabet=_ALNUM)
    unit = {
        "orgUnitId": unit_id, "name": name, "description": str(body.get("description") or ""), "orgUnitPath": path,
        "parentOrgUnitPath": parent["orgUnitPath"], "parentOrgUnitId": parent["orgUnitId"],
        "blockInheritance": False,
    }  # fmt: skip
    ctx.state.collection("directory_orgunits").put(unit_id, unit)
    return render_unit(unit)


def _move(state: State, old: str, new: str) -> None:
    """Every unit and user under ``old`` (the unit itself too) now under ``new``."""
    units, users = state.collection("directory_orgunits"), state.collection("directory_users")

    def moved(path: str) -> str | None:
        return new + path[len(old) :] if path == old or path.startswith(old + "/") else None

    for key, unit in list(units.scan()):
        changed = {"orgUnitPath": moved(unit["orgUnitPath"]), "parentOrgUnitPath": moved(unit["parentOrgUnitPath"])}
        if any(changed.values()):
            units.put(key, {**unit, **{k: v for k, v in changed.items() if v}})
    for key, user in list(users.scan()):
        path = moved(str(user.get("orgUnitPath", "/")))
        if path:
            users.put(key, {**user, "orgUnitPath": path})


@behaviour("directory.orgunits.update")
@behaviour("directory.orgunits.patch")
@dm.partial
def orgunits_update(ctx: Context) -> Record:
    """``name``, ``description`` and the parent; a new name or parent moves the unit's subtree and users."""
    dm.require_admin(ctx, "orgunit", write=True)
    unit = _unit(ctx)
    body = ctx.body if isinstance(ctx.body, dict) else {}
    name = _name(body, unit["name"])
    current = _find(ctx.state, unit["parentOrgUnitId"]) or _find(ctx.state, "/")
    assert current is not None
    parent = _parent(ctx, body, current)
    path = parent["orgUnitPath"].rstrip("/") + "/" + name
    if path.startswith(unit["orgUnitPath"] + "/"):
        raise dm.invalid_input("INVALID_OU_ID")  # a unit cannot move under itself
    if path.casefold() != unit["orgUnitPath"].casefold() and _by_path(ctx.state, path) is not None:
        raise dm.duplicate()
    if path != unit["orgUnitPath"]:
        _move(ctx.state, unit["orgUnitPath"], path)
        unit = ctx.state.collection("directory_orgunits").get(unit["orgUnitId"]) or unit
    unit.update(name=name, parentOrgUnitPath=parent["orgUnitPath"], parentOrgUnitId=parent["orgUnitId"])
    if "description" in body:
        unit["description"] = str(body.get("description") or "")
    ctx.state.collection("directory_orgunits").put(unit["orgUnitId"], unit)
    return render_unit(unit)


@behaviour("directory.orgunits.delete")
@dm.partial
def orgunits_delete(ctx: Context) -> Response:
    """Only an empty unit goes: one with child units or users is 400 "Invalid Input" (the guide: move them first;
    the wording not confirmed)."""
    dm.require_admin(ctx, "orgunit", write=True)
    unit = _unit(ctx)
    inside = unit["orgUnitPath"] + "/"
    if any(u["orgUnitPath"].startswith(inside) for u in _units(ctx.state)) or any(
        user.get("orgUnitPath") == unit["orgUnitPath"] and not user.get("deletionTime")
        for _, user in ctx.state.collection("directory_users").scan()
    ):
        raise dm.invalid_input()
    ctx.state.collection("directory_orgunits").delete(unit["orgUnitId"])
    return Response(204)
