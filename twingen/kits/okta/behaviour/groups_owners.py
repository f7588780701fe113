"""A group's owners: users or groups of the org who own it (``/api/v1/groups/{groupId}/owners``).

Owners are kept in ``group_owners`` keyed ``groupId/ownerId``; an owner managed in Okta has originType
OKTA_DIRECTORY, ``originId`` null and ``resolved`` true. The owner must exist (404 ``User`` or ``UserGroup``); a
``search`` on ``type`` or ``displayName`` narrows the list (through ``_search``). Logged as group.owner.add/remove
(our names for these events).
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/GroupOwner/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, arguments, behaviour
from ..runtime.clock import iso8601
from . import _log, _paging
from ._errors import not_found, validation_failed
from ._groups_model import GROUPS, find_group, find_user
from ._search import SearchError, invalid, parse
from ._store import body_object

Record = dict[str, Any]
OWNERS = "group_owners"


def _display_name(ctx: Context, kind: str, owner_id: str) -> str:
    if kind == "USER":
        profile = find_user(ctx, owner_id).get("profile") or {}
        full = f"{profile.get('firstName') or ''} {profile.get('lastName') or ''}".strip()
        return full or str(profile.get("login") or owner_id)
    return str((find_group(ctx, owner_id).get("profile") or {}).get("name") or owner_id)


@behaviour("assignGroupOwner")
def assign_group_owner(ctx: Context) -> Response:
    group = find_group(ctx, str(ctx.params.get("groupId")))
    body = body_object(ctx)
    owner_id, kind = body.get("id"), body.get("type")
    if not isinstance(owner_id, str) or not owner_id:
        raise validation_failed("id", "The field cannot be left blank.")
    if kind not in ("USER", "GROUP"):
        raise validation_failed("type", "The field must be USER or GROUP.")
    owner = {
        "id": owner_id,
        "displayName": _display_name(ctx, kind, owner_id),
        "lastUpdated": iso8601(ctx.now()),
        "originId": None,
        "originType": "OKTA_DIRECTORY",
        "resolved": True,
        "type": kind,
    }
    ctx.state.collection(OWNERS).put(f"{group['id']}/{owner_id}", owner)
    _logged(ctx, "group.owner.add", group, owner)
    return Response(201, owner)


@behaviour("listGroupOwners")
def list_group_owners(ctx: Context) -> Response:
    group = find_group(ctx, str(ctx.params.get("groupId")))
    search = arguments.text(ctx.params, "search")
    try:
        keep = parse(search, fields=lambda path: path in ("type", "displayName", "id")) if search else None
    except SearchError as error:
        raise invalid(error) from None
    prefix = group["id"] + "/"
    items = [
        (k[len(prefix) :], o)
        for k, o in ctx.state.collection(OWNERS).scan()
        if k.startswith(prefix) and (keep is None or keep(o))
    ]
    limit = _paging.limit_of(ctx, 1000)
    page, more = _paging.take(_paging.after_in(items, _paging.cursor_of(ctx)), limit)
    return _paging.answer(ctx, page, more, limit)


@behaviour("deleteGroupOwner")
def delete_group_owner(ctx: Context) -> Response:
    group = find_group(ctx, str(ctx.params.get("groupId")))
    owner_id = str(ctx.params.get("ownerId"))
    owner = ctx.state.collection(OWNERS).get(f"{group['id']}/{owner_id}")
    if owner is None:
        raise not_found(owner_id, "GroupOwner")
    ctx.state.collection(OWNERS).delete(f"{group['id']}/{owner_id}")
    _logged(ctx, "group.owner.remove", group, owner)
    return Response(204, None)


def _logged(ctx: Context, event: str, group: Record, owner: Record) -> None:
    name = str(group.get("profile", {}).get("name") or group["id"])
    kind = "User" if owner["type"] == "USER" else GROUPS.title
    _log.record(
        ctx,
        event,
        [
            _log.target(GROUPS.title, group["id"], name, name),
            _log.target(kind, owner["id"], owner["displayName"], owner["displayName"]),
        ],
    )
