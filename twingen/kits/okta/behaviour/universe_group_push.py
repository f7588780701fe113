"""Group push (the Group Push Mappings API) to an app Okta provisions over SCIM (``universe``'s targets).

https://developer.okta.com/docs/api/openapi/okta-management/management/tag/GroupPushMapping/: a mapping links an
Okta group (``sourceGroupId``) to a group of the app, an existing one (``targetGroupId``) or one made by name
(``targetGroupName``; an app group of that name already there is linked instead); exactly one of the two. An
``ACTIVE`` mapping pushes at once and then every membership change; ``INACTIVE`` stops; only an ``INACTIVE``
mapping may be deleted, and ``deleteTargetGroup=true`` deletes the app's group too. A failed push makes the
mapping ``ERROR`` with ``errorSummary``. The members pushed are the group's members the app already has (pushed
users: Okta pushes group membership only for assigned users). SCIM requests as in Okta's SCIM 2.0 guide
(https://developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20/): ``POST /Groups``, ``PUT /Groups/{id}``
for the initial push to a linked group, ``PATCH`` ``add``/``remove`` of ``members`` after. To a Google Workspace app
(a ``google-directory`` target) the same through Google's Directory API (``universe_gdirectory.py``).
An app without provisioning on (no universe target) gets the mapping in ERROR, its push having failed (our choice).
"""

from __future__ import annotations

import contextlib
import urllib.parse
from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _log, universe_gdirectory, universe_scim
from ._apps_model import find_app
from ._errors import okta_error, validation_failed
from ._groups_model import find_group, member_ids
from ._store import body_object
from .universe import LINKS, TARGETS

Record = dict[str, Any]
MAPPINGS = "universe_group_push"
"""Mappings keyed ``appId/mappingId``."""
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
STATUSES = ("ACTIVE", "INACTIVE")


def _pushed_links(ctx: Context, app_id: str, group_id: str) -> list[Record]:
    found = []
    for user_id in member_ids(ctx, group_id):
        link = ctx.state.collection(LINKS).get(f"{app_id}/{user_id}")
        if link and link.get("active"):
            found.append(link)
    return found


def _is_google(target: Record) -> bool:
    return target.get("protocol") == universe_gdirectory.PROTOCOL


def _google_push(ctx: Context, target: Record, mapping: Record, name: str | None) -> None:
    """The initial push to a Google Workspace app (Okta's Google integration: the Directory API's groups)."""
    group = find_group(ctx, mapping["sourceGroupId"])
    description = str((group.get("profile") or {}).get("description") or "")
    links = _pushed_links(ctx, mapping["_appId"], mapping["sourceGroupId"])
    emails = [str(link["email"]) for link in links if link.get("email")]
    linked = mapping["targetGroupId"] or None
    mapping["targetGroupId"] = universe_gdirectory.push_group(target, linked, name, description, emails)


def _group_name(ctx: Context, group_id: str) -> str:
    return str((find_group(ctx, group_id).get("profile") or {}).get("name") or group_id)


def _scim_push(ctx: Context, target: Record, mapping: Record, name: str | None) -> None:
    """The initial push over SCIM: ``POST /Groups`` with the members, or ``PUT`` them to a linked group."""
    members = [{"value": link["scimId"]} for link in _pushed_links(ctx, mapping["_appId"], mapping["sourceGroupId"])]
    if name is not None:
        query = urllib.parse.urlencode({"filter": f'displayName eq "{name}"'})
        listed = universe_scim.call(target, "GET", f"/Groups?{query}").get("Resources") or []
        if listed:
            mapping["targetGroupId"] = str(listed[0]["id"])
        else:
            wanted = {"schemas": [GROUP_SCHEMA], "displayName": name, "members": members}
            made = universe_scim.call(target, "POST", "/Groups", wanted)
            mapping["targetGroupId"] = str(made.get("id") or "")
            return
    if members or name is None:
        group_id = urllib.parse.quote(mapping["targetGroupId"])
        current = universe_scim.call(target, "GET", f"/Groups/{group_id}")
        body = {"schemas": [GROUP_SCHEMA], "displayName": current.get("displayName") or name, "members": members}
        universe_scim.call(target, "PUT", f"/Groups/{group_id}", body)


def _initial_push(ctx: Context, mapping: Record, name: str | None) -> None:
    """Create or link the app's group and set its members; the mapping records how it went."""
    target = ctx.state.collection(TARGETS).get(mapping["_appId"])
    if target is None:
        # the docs are silent on an app that does not provision: the push cannot happen, so it failed
        mapping.update(status="ERROR", errorSummary="Provisioning is not enabled for this app")
        return
    try:
        (_google_push if _is_google(target) else _scim_push)(ctx, target, mapping, name)
    except universe_scim.PushFailed as failure:
        mapping.update(status="ERROR", errorSummary=str(failure))
        return
    mapping.update(status="ACTIVE", lastPush=iso8601(ctx.now()))
    mapping.pop("errorSummary", None)


def _render(ctx: Context, mapping: Record) -> Record:
    shown = {k: v for k, v in mapping.items() if not k.startswith("_")}
    base = f"{ctx.base_url}/api/v1"
    shown["_links"] = {
        "app": {"href": f"{base}/apps/{mapping['_appId']}"},
        "sourceGroup": {"href": f"{base}/groups/{mapping['sourceGroupId']}"},
        "targetGroup": {"href": f"{base}/groups/{mapping['targetGroupId']}"},
    }
    return shown


def _find(ctx: Context) -> Record:
    app = find_app(ctx)
    mapping_id = str(ctx.params.get("mappingId") or "")
    found = ctx.state.collection(MAPPINGS).get(f"{app['id']}/{mapping_id}")
    if found is None:
        raise okta_error("E0000007", f"Not found: Resource not found: {mapping_id} (GroupPushMapping)")
    return found


@behaviour("createGroupPushMapping")
def create_group_push_mapping(ctx: Context) -> Response:
    app = find_app(ctx)
    body = body_object(ctx)
    source = body.get("sourceGroupId")
    if not isinstance(source, str) or not source:
        raise validation_failed("sourceGroupId", "The field cannot be left blank.")
    target_id, name = body.get("targetGroupId"), body.get("targetGroupName")
    if bool(target_id) == bool(name):
        raise validation_failed("targetGroupId", "Either targetGroupId or targetGroupName must be provided, not both.")
    status = body.get("status") or "ACTIVE"
    if status not in STATUSES:
        raise validation_failed("status", "Does not match required pattern: ACTIVE or INACTIVE.")
    _group_name(ctx, source)
    now = iso8601(ctx.now())
    mapping: Record = {"id": ctx.new_id("gPm", 17, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
                       "sourceGroupId": source, "targetGroupId": str(target_id or ""), "status": status,
                       "created": now, "lastUpdated": now, "lastPush": None, "_appId": app["id"]}  # fmt: skip
    if status == "ACTIVE":
        _initial_push(ctx, mapping, str(name) if name else None)
    ctx.state.collection(MAPPINGS).put(f"{app['id']}/{mapping['id']}", mapping)
    # 201 Created, as the reference answers (okta-sdk-python reads no body from any other 2xx)
    return Response(201, _render(ctx, mapping))


@behaviour("listGroupPushMappings")
def list_group_push_mappings(ctx: Context) -> list[Record]:
    app = find_app(ctx)
    source, status = ctx.params.get("sourceGroupId"), ctx.params.get("status")
    prefix = app["id"] + "/"
    found = [m for k, m in ctx.state.collection(MAPPINGS).scan() if k.startswith(prefix)]
    found = [m for m in found if (not source or m["sourceGroupId"] == source) and (not status or m["status"] == status)]
    return [_render(ctx, m) for m in found]


@behaviour("getGroupPushMapping")
def get_group_push_mapping(ctx: Context) -> Record:
    return _render(ctx, _find(ctx))


@behaviour("updateGroupPushMapping")
def update_group_push_mapping(ctx: Context) -> Record:
    mapping = _find(ctx)
    status = body_object(ctx).get("status")
    if status not in STATUSES:
        raise validation_failed("status", "Does not match required pattern: ACTIVE or INACTIVE.")
    mapping["lastUpdated"] = iso8601(ctx.now())
    if status == "ACTIVE" and mapping["status"] != "ACTIVE":
        _initial_push(ctx, mapping, None)
    elif status == "INACTIVE":
        mapping["status"] = "INACTIVE"
    ctx.state.collection(MAPPINGS).put(f"{mapping['_appId']}/{mapping['id']}", mapping)
    return _render(ctx, mapping)


@behaviour("deleteGroupPushMapping")
def delete_group_push_mapping(ctx: Context) -> Response:
    mapping = _find(ctx)
    if mapping["status"] == "ACTIVE":
        raise okta_error("E0000001", "Api validation failed: The group push mapping must be INACTIVE to delete it")
    target = ctx.state.collection(TARGETS).get(mapping["_appId"])
    if str(ctx.params.get("deleteTargetGroup", "")).lower() == "true" and mapping["targetGroupId"] and target:
        # the mapping goes either way; after a failed delete the app's group stays, as after a failed push
        with contextlib.suppress(universe_scim.PushFailed):
            if _is_google(target):
                universe_gdirectory.delete_group(target, mapping["targetGroupId"])
            else:
                universe_scim.call(target, "DELETE", f"/Groups/{urllib.parse.quote(mapping['targetGroupId'])}")
    ctx.state.collection(MAPPINGS).delete(f"{mapping['_appId']}/{mapping['id']}")
    return Response(204)


def _push_membership(target: Record, group_id: str, link: Record, add: bool) -> None:
    """One member added to or removed from the app's group: SCIM ``PATCH`` of ``members``, or Google's
    ``members.insert`` / ``members.delete``."""
    if _is_google(target):
        change = universe_gdirectory.add_member if add else universe_gdirectory.remove_member
        change(target, group_id, str(link.get("email") or ""))
        return
    if add:
        op: Record = {"op": "add", "path": "members", "value": [{"value": link["scimId"]}]}
    else:
        op = {"op": "remove", "path": f'members[value eq "{link["scimId"]}"]'}
    body = {"schemas": [universe_scim.PATCH_SCHEMA], "Operations": [op]}
    universe_scim.call(target, "PATCH", f"/Groups/{urllib.parse.quote(group_id)}", body)


def on_membership(ctx: Context, event: Record) -> None:
    """A member added to or removed from a pushed group: the same change in each app's group."""
    kind = event.get("eventType")
    if kind not in ("group.user_membership.add", "group.user_membership.remove"):
        return
    ids = {t.get("type"): str(t.get("id") or "") for t in event.get("target") or ()}
    group_id, user_id = ids.get("UserGroup", ""), ids.get("User", "")
    for key, mapping in list(ctx.state.collection(MAPPINGS).scan()):
        if mapping["sourceGroupId"] != group_id or mapping["status"] != "ACTIVE":
            continue
        link = ctx.state.collection(LINKS).get(f"{mapping['_appId']}/{user_id}")
        target = ctx.state.collection(TARGETS).get(mapping["_appId"])
        if link is None or target is None:
            continue
        updated = dict(mapping)
        try:
            _push_membership(target, mapping["targetGroupId"], link, kind.endswith("add"))
            updated.update(lastPush=iso8601(ctx.now()))
        except universe_scim.PushFailed as failure:
            updated.update(status="ERROR", errorSummary=str(failure))
        ctx.state.collection(MAPPINGS).put(key, updated)


if on_membership not in _log.LISTENERS:
    _log.LISTENERS.append(on_membership)
