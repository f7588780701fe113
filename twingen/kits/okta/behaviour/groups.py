"""Okta groups: create, read, list (``q``, ``filter``, ``search``, ``expand``), replace the profile, delete.

Okta makes OKTA_GROUPs through the API; the built-in Everyone (BUILT_IN) and app-imported groups (APP_GROUP) are
read-only there (E0000006). A group's name is unique in the org. Every change is written to the System Log
(group.lifecycle.create/delete, group.profile.update).
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Group/
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..runtime import Context, Response, arguments, behaviour
from ..runtime.clock import iso8601
from . import _log, _paging
from ._errors import cause, okta_error, validation_failed
from ._groups_model import GROUPS, drop_group_members, find_group, member_ids, modifiable, render_group, save_group
from ._groups_query import matcher, name_prefix
from ._store import body_object, new_id

Record = dict[str, Any]
APP_GROUPS = "app_groups"
"""App-group assignments, keyed ``appId/groupId`` (written by the apps area, read here for ``expand=stats``)."""

# the group schema's base attributes' maxLength (GET /api/v1/meta/schemas/group/default)
_LENGTHS = {"name": 255, "description": 1024}
# GET /groups without a limit answers up to 10000 groups (the listGroups reference)
_DEFAULT_LIMIT = 10000


def profile_of(ctx: Context, groups: Any, *, keep_id: str = "") -> Record:
    """The profile sent, checked as Okta checks it: a name, unique among the org's groups."""
    body = body_object(ctx)
    profile = body.get("profile")
    if not isinstance(profile, dict):
        raise validation_failed("profile", "The field cannot be left blank.")
    name = profile.get("name")
    if not isinstance(name, str) or not name.strip():
        raise validation_failed("name", "The field cannot be left blank.")
    known = {"name", "description"} | set(
        (ctx.state.collection("group_schema").get("default") or {}).get("custom") or {}
    )
    for field in profile:
        # a group profile holds what the group schema defines, as a user's does (the Schema reference)
        if field not in known:
            raise okta_error(
                "E0000001",
                f"Api validation failed: {field}",
                causes=[cause(field, f"Property name '{field}' is not defined in profile")],
            )
    for field, most in _LENGTHS.items():
        if isinstance(profile.get(field), str) and len(profile[field]) > most:
            raise validation_failed(field, f"The field cannot exceed {most} characters.")
    for key, group in groups.scan():
        if key != keep_id and str((group.get("profile") or {}).get("name") or "").lower() == name.lower():
            raise okta_error(
                "E0000001",
                "Api validation failed: name",
                causes=[cause("name", "An object with this field already exists in the current organization")],
            )
    return {**profile, "description": profile.get("description")}


@behaviour("addGroup")
def add_group(ctx: Context) -> Record:
    groups = ctx.state.collection(GROUPS.collection)
    profile = profile_of(ctx, groups)
    now = iso8601(ctx.now())
    group = {
        "id": new_id(ctx, GROUPS.prefix),
        "created": now,
        "lastUpdated": now,
        "lastMembershipUpdated": now,
        "objectClass": ["okta:user_group"],
        "type": "OKTA_GROUP",
        "profile": profile,
    }
    save_group(ctx, group, touched=False)
    _logged(ctx, "group.lifecycle.create", group)
    return render_group(ctx, group)


@behaviour("getGroup")
def get_group(ctx: Context) -> Record:
    return _expanded(ctx, find_group(ctx, str(ctx.params.get("groupId"))))


@behaviour("replaceGroup")
def replace_group(ctx: Context) -> Record:
    group = find_group(ctx, str(ctx.params.get("groupId")))
    modifiable(group)
    group["profile"] = profile_of(ctx, ctx.state.collection(GROUPS.collection), keep_id=group["id"])
    save_group(ctx, group)
    _logged(ctx, "group.profile.update", group)
    return render_group(ctx, group)


@behaviour("deleteGroup")
def delete_group(ctx: Context) -> Response:
    group = find_group(ctx, str(ctx.params.get("groupId")))
    modifiable(group)
    drop_group_members(ctx, group["id"])
    owners = ctx.state.collection("group_owners")
    for key in [k for k, _ in owners.scan() if k.startswith(group["id"] + "/")]:
        owners.delete(key)
    assignments = ctx.state.collection(APP_GROUPS)
    for key in [k for k, a in assignments.scan() if a.get("groupId") == group["id"]]:
        assignments.delete(key)
    ctx.state.collection(GROUPS.collection).delete(group["id"])
    _logged(ctx, "group.lifecycle.delete", group)
    return Response(204, None)


@behaviour("listGroups")
def list_groups(ctx: Context) -> Response:
    tests: list[Callable[[Record], bool]] = []
    q = arguments.text(ctx.params, "q")
    if q:
        tests.append(name_prefix(q))
    for name in ("filter", "search"):
        expression = arguments.text(ctx.params, name)
        if expression:
            tests.append(matcher(name, expression))
    rows = (
        (k, g)
        for k, g in _paging.walk(ctx.state.collection(GROUPS.collection), _paging.cursor_of(ctx))
        if all(test(g) for test in tests)
    )
    limit = _paging.limit_of(ctx, _DEFAULT_LIMIT, _DEFAULT_LIMIT)
    page, more = _paging.take(rows, limit)
    return _paging.answer(ctx, page, more, limit, lambda g: _expanded(ctx, g))


def _expanded(ctx: Context, group: Record) -> Record:
    """``expand=stats`` embeds the group's counts; ``expand=app`` its source app (APP_GROUPs only)."""
    shown = render_group(ctx, group)
    expand = (arguments.text(ctx.params, "expand") or "").split(",")
    if "stats" in expand:
        apps = sum(1 for _, a in ctx.state.collection(APP_GROUPS).scan() if a.get("groupId") == group["id"])
        shown["_embedded"] = {
            "stats": {
                "usersCount": len(member_ids(ctx, group["id"])),
                "appsCount": apps,
                "groupPushMappingsCount": 0,
                "hasAdminPrivilege": False,
            }
        }
    return shown


def _logged(ctx: Context, event: str, group: Record) -> None:
    name = str(group.get("profile", {}).get("name") or group["id"])
    _log.record(ctx, event, [_log.target("UserGroup", group["id"], name, name)])
