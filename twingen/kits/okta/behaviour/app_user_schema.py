"""An app's user schema (``/api/v1/meta/schemas/apps/{appId}/default``): the profile an app user carries in that
app, base attributes Okta defines and custom ones an admin adds or removes (null) with a partial POST.

What Okta documents (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Schema/,
getApplicationUserSchema, updateApplicationUserProfile): ``id`` ``{org}/meta/schemas/apps/{appId}/default``,
``name`` and ``title`` from the app (``"{label} User"``), draft-04 ``$schema``, ``definitions.base`` (``userName``,
required) and ``definitions.custom``, ``properties.profile`` all of base and custom; an unknown app is 404. Custom
attributes are checked as the user schema's are (``user_schema._merge``).
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, behaviour
from ..runtime.clock import iso8601
from ._apps_model import find_app
from ._links import href
from ._store import body_object
from .user_schema import DRAFT, _merge, _stored

COLLECTION = "app_user_schemas"
_BASE = {
    "userName": {
        "title": "Username",
        "type": "string",
        "required": True,
        "scope": "NONE",
        "maxLength": 100,
        "master": {"type": "PROFILE_MASTER"},
    }
}


def _render(ctx: Context, app: dict[str, Any], stored: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": href(ctx, f"/meta/schemas/apps/{app['id']}/default"),
        "$schema": DRAFT,
        "name": app.get("name"),
        "title": f"{app.get('label')} User",
        "created": stored["created"],
        "lastUpdated": stored["lastUpdated"],
        "definitions": {
            "base": {"id": "#base", "type": "object", "properties": dict(_BASE), "required": ["userName"]},
            "custom": {"id": "#custom", "type": "object", "properties": stored["custom"], "required": []},
        },
        "type": "object",
        "properties": {"profile": {"allOf": [{"$ref": "#/definitions/base"}, {"$ref": "#/definitions/custom"}]}},
    }


@behaviour("getApplicationUserSchema")
def get(ctx: Context) -> Any:
    app = find_app(ctx)
    return _render(ctx, app, _stored(ctx, COLLECTION, app["id"]))


@behaviour("updateApplicationUserProfile")
def update(ctx: Context) -> Any:
    app = find_app(ctx)
    stored = _stored(ctx, COLLECTION, app["id"])
    stored["custom"] = _merge(stored["custom"], body_object(ctx), set(_BASE))
    stored["lastUpdated"] = iso8601(ctx.now())
    ctx.state.collection(COLLECTION).put(app["id"], stored)
    # not logged: no System Log event type for a schema change could be confirmed in Okta's catalog (NOTES.md)
    return _render(ctx, app, stored)
