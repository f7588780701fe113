"""``PATCH /api/v1/apps/{appId}/groups/{groupId}``: a JSON Patch (RFC 6902) of a group's assignment to an app.

What Okta documents (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ApplicationGroups/,
updateGroupAssignmentToApplication): the body is an array of operations on the assignment's ``/profile`` (the whole
profile, or ``/profile/{attribute}``) and ``/priority``; ``add``/``replace`` set, ``remove`` drops a profile
attribute; an unknown assignment is 404 ``(ApplicationGroupAssignment)``; a malformed patch is 400. The answer is the
assignment.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from ..runtime.clock import iso8601
from . import _log
from ._apps_model import find_app, logged
from ._errors import not_found, okta_error, validation_failed
from .app_assignments import APP_GROUPS, _assignments, _render_assignment, _shift


def _apply(record: dict[str, Any], operation: Any) -> None:
    if not isinstance(operation, dict) or operation.get("op") not in ("add", "replace", "remove"):
        raise validation_failed("op", "The operation must be add, replace or remove")
    path = str(operation.get("path") or "")
    value = operation.get("value")
    parts = path.strip("/").split("/")
    if parts == ["profile"] and operation["op"] != "remove":
        if not isinstance(value, dict):
            raise validation_failed("value", "The profile must be an object")
        record["profile"] = dict(value)
    elif len(parts) == 2 and parts[0] == "profile":
        if operation["op"] == "remove":
            record["profile"].pop(parts[1], None)
        else:
            record["profile"][parts[1]] = value
    elif parts == ["priority"] and operation["op"] != "remove":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise validation_failed("priority", "The priority must be a whole number from 0")
        record["priority"] = value
    else:
        raise validation_failed("path", f"The path {path} cannot be patched")


@behaviour("updateGroupAssignmentToApplication")
def update_group_assignment(ctx: Context) -> Any:
    app = find_app(ctx)
    group_id = str(ctx.params.get("groupId") or "")
    key = f"{app['id']}/{group_id}"
    found = ctx.state.collection(APP_GROUPS).get(key)
    if found is None:
        raise not_found(group_id, "ApplicationGroupAssignment")
    operations = ctx.body
    if not isinstance(operations, list):
        raise okta_error("E0000003")
    record = {**found, "profile": dict(found.get("profile") or {})}
    for operation in operations:
        _apply(record, operation)
    record["lastUpdated"] = iso8601(ctx.now())
    if record.get("priority") != found.get("priority"):  # the others close up around it, as on assign
        _shift(ctx, app["id"], [r for gid, r in _assignments(ctx, app["id"]) if gid != group_id], record["priority"])
    ctx.state.collection(APP_GROUPS).put(key, record)
    logged(ctx, "group.application_assignment.update", app, _log.target("UserGroup", group_id))
    return _render_assignment(ctx, app["id"], record)
