"""Profile mappings: how one profile's attributes are computed from another's (an app user's from the Okta user,
or the reverse), listed (``sourceId``/``targetId``), read and updated property by property.

An update names target attributes with an expression and a ``pushStatus``; a target attribute that the target's
profile does not have is Okta's 400 ("Invalid target field NAME", recorded); ``null`` removes the property.
Source: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/ProfileMapping/
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context, Response, arguments, behaviour
from . import _paging
from ._errors import not_found, okta_error
from ._links import href

Record = dict[str, Any]
MAPPINGS = "profile_mappings"

# the Okta user profile's base attributes (https://developer.okta.com/docs/reference/api/users/#default-profile-properties)
USER_ATTRIBUTES = {
    "login",
    "email",
    "secondEmail",
    "firstName",
    "lastName",
    "middleName",
    "honorificPrefix",
    "honorificSuffix",
    "title",
    "displayName",
    "nickName",
    "profileUrl",
    "primaryPhone",
    "mobilePhone",
    "streetAddress",
    "city",
    "state",
    "zipCode",
    "postalAddress",
    "countryCode",
    "preferredLanguage",
    "locale",
    "timezone",
    "userType",
    "employeeNumber",
    "costCenter",
    "organization",
    "division",
    "department",
    "managerId",
    "manager",
}
# an app user's base attributes (the app user schema's defaults)
APP_USER_ATTRIBUTES = {"userName", "email", "firstName", "lastName", "displayName", "middleName"}


def _side(ctx: Context, side: Record) -> Record:
    if side.get("type") == "user":
        kind = ctx.state.collection("org").get("default_user_type") or {}
        type_id = str(kind.get("id") or "otydefaultusertype00")
        schema = str(kind.get("schemaId") or "oscdefaultuserschema")
        return {
            "id": type_id,
            "name": side.get("name", "user"),
            "type": "user",
            "_links": {
                "self": {"href": href(ctx, f"/api/v1/meta/types/user/{type_id}")},
                "schema": {"href": href(ctx, f"/api/v1/meta/schemas/user/{schema}")},
            },
        }
    return {
        **side,
        "_links": {
            "self": {"href": href(ctx, f"/api/v1/apps/{side['id']}")},
            "schema": {"href": href(ctx, f"/api/v1/meta/schemas/apps/{side['id']}/default")},
        },
    }


def _render(ctx: Context, mapping: Record, *, full: bool) -> Record:
    shown: Record = {
        "id": mapping["id"],
        "source": _side(ctx, mapping["source"]),
        "target": _side(ctx, mapping["target"]),
    }
    if full:
        shown["properties"] = mapping.get("properties") or {}
    shown["_links"] = {"self": {"href": href(ctx, f"/api/v1/mappings/{mapping['id']}")}}
    return shown


def _find(ctx: Context) -> Record:
    mapping_id = str(ctx.params.get("mappingId"))
    found = ctx.state.collection(MAPPINGS).get(mapping_id)
    if found is None:
        raise not_found(mapping_id, "ProfileMapping")
    return found


@behaviour("listProfileMappings")
def list_profile_mappings(ctx: Context) -> Response:
    source = arguments.text(ctx.params, "sourceId")
    target = arguments.text(ctx.params, "targetId")

    def keep(mapping: Record) -> bool:
        sides = (_side(ctx, mapping["source"])["id"], _side(ctx, mapping["target"])["id"])
        return (not source or sides[0] == source) and (not target or sides[1] == target)

    rows = ((k, m) for k, m in _paging.walk(ctx.state.collection(MAPPINGS), _paging.cursor_of(ctx)) if keep(m))
    limit = _paging.limit_of(ctx, 20, 200)
    page, more = _paging.take(rows, limit)
    return _paging.answer(ctx, page, more, limit, lambda m: _render(ctx, m, full=False))


@behaviour("getProfileMapping")
def get_profile_mapping(ctx: Context) -> Record:
    return _render(ctx, _find(ctx), full=True)


@behaviour("updateProfileMapping")
def update_profile_mapping(ctx: Context) -> Record:
    mapping = _find(ctx)
    body = ctx.body if isinstance(ctx.body, dict) else None
    if body is None or not isinstance(body.get("properties"), dict):
        raise okta_error(
            "E0000001", "Api validation failed: updateMapping", causes=["properties: The field cannot be left blank."]
        )
    allowed = USER_ATTRIBUTES if mapping["target"].get("type") == "user" else APP_USER_ATTRIBUTES
    properties = dict(mapping.get("properties") or {})
    for name, value in body["properties"].items():
        if name not in allowed:
            raise okta_error(
                "E0000001", "Api validation failed: updateMapping", causes=[f"Invalid target field {name}"]
            )
        if value is None:
            properties.pop(name, None)
            continue
        if not isinstance(value, dict) or not isinstance(value.get("expression"), str):
            raise okta_error(
                "E0000001",
                "Api validation failed: updateMapping",
                causes=[f"Invalid expression for target field {name}"],
            )
        properties[name] = {"expression": value["expression"], "pushStatus": value.get("pushStatus") or "DONT_PUSH"}
    mapping["properties"] = properties
    ctx.state.collection(MAPPINGS).put(mapping["id"], mapping)
    return _render(ctx, mapping, full=True)
