"""Realm assignments: rules that put users into realms (by the profile source they come from and an Okta
Expression Language condition), in priority order, and runs of them over existing users.

What Okta does (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/RealmAssignment/):
- ids start ``rul``; an assignment answers ``id``, ``name``, ``priority``, ``status``, ``isDefault``,
  ``conditions`` (``profileSourceId``, ``expression``), ``actions.assignUserToRealm.realmId``, ``domains``,
  ``created``, ``lastUpdated`` and ``_links``; it is made INACTIVE (201) and only an INACTIVE one can be deleted;
- the realm it assigns to must exist (404 ``(Realm)``); lifecycle calls answer 204; an unknown id is 404
  ``(RealmAssignment)``;
- executing an assignment records an operation (``type`` "realm:assignment"), which the twin completes at once:
  it moves no users (users carry no realm in this twin yet).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, behaviour
from ..runtime.clock import iso8601
from . import _paging, _store
from ._errors import not_found, okta_error, validation_failed
from ._links import link
from .realms import REALMS

ASSIGNMENTS = "realm_assignments"
OPERATIONS = "realm_assignment_operations"


def _view(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    shown = {k: v for k, v in record.items() if not k.startswith("_")}
    path = f"/api/v1/realm-assignments/{record['id']}"
    action = "deactivate" if record["status"] == "ACTIVE" else "activate"
    shown["_links"] = {
        "self": link(ctx, path, "GET", "PUT", "DELETE"),
        action: link(ctx, f"{path}/lifecycle/{action}", "POST"),
    }
    return shown


def _find(ctx: Context) -> dict[str, Any]:
    id_ = str(ctx.params.get("assignmentId") or "")
    found = ctx.state.collection(ASSIGNMENTS).get(id_)
    if found is None:
        raise not_found(id_, "RealmAssignment")
    return found


def _checked(ctx: Context) -> dict[str, Any]:
    body = _store.body_object(ctx)
    if not isinstance(body.get("name"), str) or not body["name"].strip():
        raise validation_failed("name", "The field cannot be left blank.")
    priority = body.get("priority")
    if isinstance(priority, bool) or not isinstance(priority, int) or priority < 0:
        raise validation_failed("priority", "The priority must be a whole number of 0 or more.")
    conditions = body.get("conditions")
    if not isinstance(conditions, dict) or not conditions.get("profileSourceId"):
        raise validation_failed("conditions.profileSourceId", "The field cannot be left blank.")
    realm_id = (
        ((body.get("actions") or {}).get("assignUserToRealm") or {}).get("realmId")
        if isinstance(body.get("actions"), dict)
        else None
    )
    if not realm_id:
        raise validation_failed("actions.assignUserToRealm.realmId", "The field cannot be left blank.")
    if ctx.state.collection(REALMS.collection).get(str(realm_id)) is None:
        raise not_found(str(realm_id), "Realm")
    return {
        "name": body["name"],
        "priority": priority,
        "conditions": conditions,
        "actions": {"assignUserToRealm": {"realmId": realm_id}},
        "domains": body.get("domains") or [],
    }


@behaviour("listRealmAssignments")
def list_(ctx: Context) -> Response:
    rows = sorted(ctx.state.collection(ASSIGNMENTS).scan(), key=lambda kv: (kv[1]["priority"], kv[0]))
    return _paging.served(ctx, _paging.after_in(rows, _paging.cursor_of(ctx)), lambda r: _view(ctx, r))


@behaviour("createRealmAssignment")
def create(ctx: Context) -> Any:
    now = iso8601(ctx.now())
    record: dict[str, Any] = {
        "id": _store.new_id(ctx, "rul"),
        **_checked(ctx),
        "status": "INACTIVE",
        "isDefault": False,
        "created": now,
        "lastUpdated": now,
    }
    ctx.state.collection(ASSIGNMENTS).put(record["id"], record)
    return Response(201, _view(ctx, record))


@behaviour("getRealmAssignment")
def get(ctx: Context) -> Any:
    return _view(ctx, _find(ctx))


@behaviour("replaceRealmAssignment")
def replace(ctx: Context) -> Any:
    record = _find(ctx)
    record.update({**_checked(ctx), "lastUpdated": iso8601(ctx.now())})
    ctx.state.collection(ASSIGNMENTS).put(record["id"], record)
    return _view(ctx, record)


@behaviour("deleteRealmAssignment")
def delete(ctx: Context) -> Response:
    record = _find(ctx)
    if record["status"] != "INACTIVE":
        raise okta_error(
            "E0000006",
            "You do not have permission to perform the requested action",
            causes=["Deactivate the realm assignment first."],
        )
    ctx.state.collection(ASSIGNMENTS).delete(record["id"])
    return Response(204, None)


def _status(ctx: Context, status: str) -> Response:
    record = _find(ctx)
    record.update({"status": status, "lastUpdated": iso8601(ctx.now())})
    ctx.state.collection(ASSIGNMENTS).put(record["id"], record)
    return Response(204, None)


@behaviour("activateRealmAssignment")
def activate(ctx: Context) -> Response:
    return _status(ctx, "ACTIVE")


@behaviour("deactivateRealmAssignment")
def deactivate(ctx: Context) -> Response:
    return _status(ctx, "INACTIVE")


@behaviour("executeRealmAssignment")
def execute(ctx: Context) -> Any:
    body = _store.body_object(ctx)
    assignment_id = str(body.get("assignmentId") or "")
    if ctx.state.collection(ASSIGNMENTS).get(assignment_id) is None:
        raise not_found(assignment_id, "RealmAssignment")
    now = iso8601(ctx.now())
    record: dict[str, Any] = {
        "id": _store.new_id(ctx, "rre"),
        "type": "realm:assignment",
        "status": "COMPLETED",
        "created": now,
        "started": now,
        "completed": now,
        "numUserMoved": 0,
        "assignmentOperation": {"configuration": {"id": assignment_id}},
    }
    ctx.state.collection(OPERATIONS).put(record["id"], record)
    return Response(201, record)


@behaviour("listRealmAssignmentOperations")
def operations(ctx: Context) -> Response:
    return _paging.served(ctx, _paging.walk(ctx.state.collection(OPERATIONS), _paging.cursor_of(ctx)))
