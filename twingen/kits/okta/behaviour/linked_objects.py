"""Linked objects: relationship definitions between users (a primary name such as ``manager`` and an associated one
such as ``subordinate``), and the links themselves (an associated user points at one primary user).

Records: ``linked_object_definitions`` (primary name -> definition), ``linked_object_names`` (either name -> primary
name), ``user_links`` (``primaryName/associatedUserId`` -> {primaryName, associatedUserId, primaryUserId}).
Deleting a definition deletes its links. Not logged: no System Log event type for linked objects could be
confirmed in Okta's catalog. Sources:
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/LinkedObject/ and
https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserLinkedObject/ ; shapes and the 404
title ``(LinkedObjectProperty)`` from the recorded answers.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime import Context, Response, behaviour
from . import _users
from ._errors import not_found, okta_error, validation_failed
from ._links import href
from ._store import body_object

Record = dict[str, Any]

DEFINITIONS = "linked_object_definitions"
NAMES = "linked_object_names"
LINKS = "user_links"
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def _definition(ctx: Context, name: str) -> Record:
    primary = (ctx.state.collection(NAMES).get(name) or {}).get("primary")
    found = ctx.state.collection(DEFINITIONS).get(primary) if primary else None
    if found is None:
        raise not_found(name, "LinkedObjectProperty")
    return found


def _render(ctx: Context, definition: Record) -> Record:
    path = f"/api/v1/meta/schemas/user/linkedObjects/{definition['primary']['name']}"
    return {**definition, "_links": {"self": {"href": href(ctx, path)}}}


def _side(given: Any, role: str) -> Record:
    if not isinstance(given, dict):
        raise validation_failed(role, "The field cannot be left blank")
    name = str(given.get("name") or "")
    if not _NAME.match(name):
        raise validation_failed(f"{role}.name", "The field has an invalid value")
    if not given.get("title"):
        raise validation_failed(f"{role}.title", "The field cannot be left blank")
    if (given.get("type") or "USER") != "USER":
        raise validation_failed(f"{role}.type", "The field has an invalid value")
    return {"name": name, "title": str(given["title"]), "description": given.get("description"), "type": "USER"}


@behaviour("createLinkedObjectDefinition")
def create_linked_object_definition(ctx: Context) -> Any:
    body = body_object(ctx)
    primary, associated = _side(body.get("primary"), "primary"), _side(body.get("associated"), "associated")
    names = ctx.state.collection(NAMES)
    if primary["name"] == associated["name"]:
        raise validation_failed("associated.name", "The primary and associated names must differ")
    for side in (primary, associated):
        if side["name"] in names:
            raise validation_failed("name", "An object with this field already exists in the current organization")
    definition = {"primary": primary, "associated": associated}
    ctx.state.collection(DEFINITIONS).put(primary["name"], definition)
    names.put(primary["name"], {"primary": primary["name"]})
    names.put(associated["name"], {"primary": primary["name"]})
    return Response(201, _render(ctx, definition))


@behaviour("listLinkedObjectDefinitions")
def list_linked_object_definitions(ctx: Context) -> Any:
    return [_render(ctx, d) for d in ctx.state.collection(DEFINITIONS).values()]


@behaviour("getLinkedObjectDefinition")
def get_linked_object_definition(ctx: Context) -> Any:
    """Either name finds the definition (the recorded answers)."""
    return _render(ctx, _definition(ctx, str(ctx.params.get("linkedObjectName") or "")))


@behaviour("deleteLinkedObjectDefinition")
def delete_linked_object_definition(ctx: Context) -> Any:
    definition = _definition(ctx, str(ctx.params.get("linkedObjectName") or ""))
    primary = definition["primary"]["name"]
    ctx.state.collection(DEFINITIONS).delete(primary)
    names = ctx.state.collection(NAMES)
    names.delete(primary)
    names.delete(definition["associated"]["name"])
    links = ctx.state.collection(LINKS)
    for key in [k for k, _ in links.scan() if k.startswith(primary + "/")]:
        links.delete(key)
    return Response(204, None)


@behaviour("assignLinkedObjectValueForPrimary")
def assign_linked_object_value_for_primary(ctx: Context) -> Any:
    """The associated user (the path's user) points at the primary user under the primary name; a new link replaces
    the old one (an associated user has one primary per relationship)."""
    associated = _users.find(ctx, str(ctx.params.get("userIdOrLogin") or ""))
    name = str(ctx.params.get("primaryRelationshipName") or "")
    definition = _definition(ctx, name)
    if definition["primary"]["name"] != name:
        raise okta_error(
            "E0000001",
            "Api validation failed: primaryRelationshipName",
            causes=[f"primaryRelationshipName: {name} is not a primary relationship name"],
        )
    primary = _users.find(ctx, str(ctx.params.get("primaryUserId") or ""))
    ctx.state.collection(LINKS).put(
        f"{name}/{associated['id']}",
        {"primaryName": name, "associatedUserId": associated["id"], "primaryUserId": primary["id"]},
    )
    return Response(204, None)


@behaviour("listLinkedObjectsForUser")
def list_linked_objects_for_user(ctx: Context) -> Any:
    """For a primary name, the user's primary (at most one); for an associated name, every user linked to it."""
    user = _users.find(ctx, str(ctx.params.get("userIdOrLogin") or ""))
    name = str(ctx.params.get("relationshipName") or "")
    definition = _definition(ctx, name)
    primary = definition["primary"]["name"]
    links = ctx.state.collection(LINKS)
    if name == primary:
        found = links.get(f"{primary}/{user['id']}")
        others = [found["primaryUserId"]] if found else []
    else:
        others = [
            r["associatedUserId"]
            for k, r in links.scan()
            if k.startswith(primary + "/") and r["primaryUserId"] == user["id"]
        ]
    return [{"_links": {"self": {"href": href(ctx, f"/api/v1/users/{other}")}}} for other in others]


@behaviour("deleteLinkedObjectForUser")
def delete_linked_object_for_user(ctx: Context) -> Any:
    """The user's link under the relationship ends (for an associated user, its primary; for a primary user, every
    user associated with it)."""
    user = _users.find(ctx, str(ctx.params.get("userIdOrLogin") or ""))
    name = str(ctx.params.get("relationshipName") or "")
    definition = _definition(ctx, name)
    primary = definition["primary"]["name"]
    links = ctx.state.collection(LINKS)
    if name == primary:
        links.delete(f"{primary}/{user['id']}")
    else:
        for key in [k for k, r in links.scan() if k.startswith(primary + "/") and r["primaryUserId"] == user["id"]]:
            links.delete(key)
    return Response(204, None)
