"""SCIM users as Atlassian accounts: the resource shape, filters, paging, create/replace/patch and (de)activation.

The resource (https://developer.atlassian.com/cloud/admin/user-provisioning/rest/api-group-users/): the core User
schema plus the enterprise extension and ``urn:ietf:params:scim:schemas:extension:atlassian-external:1.0:User``
carrying the ``atlassianAccountId``; the SCIM ``id`` is the directory's own (a UUID), not the account id. Errors
are SCIM errors (RFC 7644 3.12: ``status`` a string). A ``userName`` or primary email already in the site is 409.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..runtime import Context, Response
from ..runtime.clock import iso8601

Record = dict[str, Any]
CORE = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
EXTERNAL = "urn:ietf:params:scim:schemas:extension:atlassian-external:1.0:User"
LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
MEDIA = "application/scim+json;charset=UTF-8"
_FILTER = re.compile(r'^\s*([A-Za-z][\w.:]*)\s+eq\s+"([^"]*)"\s*$', re.IGNORECASE)
_HEX = "0123456789abcdef"


class Refused(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status, self.detail = status, detail


def refusal(status: int, detail: str) -> Response:
    return Response(status, {"schemas": [ERROR], "status": str(status), "detail": detail}, media_type=MEDIA)


def answer(body: Record, status: int = 200) -> Response:
    return Response(status, body, media_type=MEDIA)


def uuid(ctx: Context) -> str:
    h = ctx.new_id("", 32, _HEX)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _directory(ctx: Context) -> str:
    return ctx.path.split("?", 1)[0].strip("/").split("/")[2]


def directory_users(ctx: Context) -> list[Record]:
    directory = _directory(ctx)
    return [u for u in ctx.state.collection("users").values() if (u.get("_scim") or {}).get("directoryId") == directory]


def find(ctx: Context, scim_id: str) -> Record:
    for user in directory_users(ctx):
        if user["_scim"]["id"] == scim_id:
            return user
    raise Refused(404, f"Resource [{scim_id}] not found")


def resource(ctx: Context, user: Record) -> Record:
    scim = user["_scim"]
    given, family = scim.get("givenName", ""), scim.get("familyName", "")
    return {
        "schemas": [CORE, ENTERPRISE, EXTERNAL],
        "id": scim["id"],
        "externalId": scim.get("externalId"),
        "userName": scim["userName"],
        "emails": [{"value": user["emailAddress"], "type": "work", "primary": True}],
        "name": {"formatted": user["displayName"], "givenName": given, "familyName": family},
        "displayName": user["displayName"],
        "active": bool(user.get("active", True)),
        "groups": [],
        EXTERNAL: {"atlassianAccountId": user["accountId"]},
        "meta": {
            "resourceType": "User",
            "created": scim["created"],
            "lastModified": scim["lastModified"],
            "location": f"{ctx.base_url}/scim/directory/{scim['directoryId']}/Users/{scim['id']}",
        },
    }


def show(ctx: Context, user: Record, status: int = 200) -> Response:
    return answer(resource(ctx, user), status)


def _param(ctx: Context, name: str) -> str:
    value = ctx.params.get(name)
    if isinstance(value, list):
        value = value[-1] if value else ""
    return str(value or "").strip()


_FILTERS: dict[str, Callable[[Record], list[str]]] = {
    "username": lambda u: [u["_scim"]["userName"]],
    "emails.value": lambda u: [u["emailAddress"]],
    "emails": lambda u: [u["emailAddress"]],
    "externalid": lambda u: [str(u["_scim"].get("externalId") or "")],
    "id": lambda u: [u["_scim"]["id"]],
}


def listing(ctx: Context) -> Response:
    found = directory_users(ctx)
    text = _param(ctx, "filter")
    if text:
        matched = _FILTER.match(text)
        if matched is None or matched.group(1).lower() not in _FILTERS:
            raise Refused(400, f"Unsupported filter: {text}")
        read, wanted = _FILTERS[matched.group(1).lower()], matched.group(2).lower()
        found = [u for u in found if wanted in [v.lower() for v in read(u)]]
    try:
        start, count = int(_param(ctx, "startIndex") or 1), int(_param(ctx, "count") or 100)
    except ValueError:
        raise Refused(400, "startIndex and count must be integers") from None
    start, count = max(start, 1), min(max(count, 0), 100)
    page = found[start - 1 : start - 1 + count]
    return answer(
        {
            "schemas": [LIST],
            "totalResults": len(found),
            "startIndex": start,
            "itemsPerPage": len(page),
            "Resources": [resource(ctx, u) for u in page],
        }
    )


def _body(ctx: Context) -> Record:
    if not isinstance(ctx.body, dict):
        raise Refused(400, "The request body is not a SCIM resource")
    return ctx.body


def _wanted(ctx: Context, body: Record, current: Record | None) -> Record:
    user_name = str(body.get("userName") or "").strip()
    emails = [e for e in body.get("emails") or () if isinstance(e, dict) and e.get("value")]
    email = str(next((e["value"] for e in emails if e.get("primary")), emails[0]["value"] if emails else user_name))
    if not user_name or "@" not in email:
        raise Refused(400, "userName and a primary email address are required")
    for other in ctx.state.collection("users").values():
        if current is not None and other["accountId"] == current["accountId"]:
            continue
        if other["emailAddress"].lower() == email.lower() or (other.get("_scim") or {}).get("userName") == user_name:
            raise Refused(409, "A user with this userName or email already exists")
    given_name = body.get("name")
    name: Record = given_name if isinstance(given_name, dict) else {}
    given, family = str(name.get("givenName") or ""), str(name.get("familyName") or "")
    display = str(body.get("displayName") or f"{given} {family}".strip() or user_name)
    return {
        "userName": user_name,
        "email": email,
        "givenName": given,
        "familyName": family,
        "display": display,
        "externalId": body.get("externalId"),
        "active": body.get("active", True) is not False,
    }


def _apply(user: Record, wanted: Record) -> None:
    user["emailAddress"] = user["name"] = wanted["email"]
    user["displayName"] = wanted["display"]
    user["_scim"].update(
        userName=wanted["userName"],
        givenName=wanted["givenName"],
        familyName=wanted["familyName"],
        externalId=wanted["externalId"],
    )


def create(ctx: Context) -> Response:
    wanted = _wanted(ctx, _body(ctx), None)
    now = iso8601(ctx.now())
    users = ctx.state.collection("users")
    account = "712020:" + uuid(ctx)
    user: Record = {
        "accountId": account,
        "accountType": "atlassian",
        "key": f"JIRAUSER{10000 + len(users)}",
        "active": wanted["active"],
        "timeZone": "Etc/UTC",
        "locale": "en_US",
        "groups": ["jira-software-users"],
        "properties": {},
        "_scim": {"id": uuid(ctx), "directoryId": _directory(ctx), "created": now, "lastModified": now},
    }
    _apply(user, wanted)
    users.put(account, user)
    return show(ctx, user, 201)


def replace(ctx: Context, user: Record) -> Response:
    wanted = _wanted(ctx, _body(ctx), user)
    _apply(user, wanted)
    return set_active(ctx, user, wanted["active"])


def patch(ctx: Context, user: Record) -> Response:
    """PatchOp ``replace`` (and ``add``) of ``active``, ``displayName``, ``externalId``, ``name.*``, with or
    without a ``path`` (RFC 7644 3.5.2)."""
    operations = _body(ctx).get("Operations")
    if not isinstance(operations, list) or not operations:
        raise Refused(400, "Operations are required")
    changes: Record = {}
    for operation in operations:
        if not isinstance(operation, dict) or str(operation.get("op", "")).lower() not in ("replace", "add"):
            raise Refused(400, "Only replace and add operations are supported")
        value, path = operation.get("value"), operation.get("path")
        changes.update(value if isinstance(value, dict) and not path else {str(path): value})
    if "active" in changes and not isinstance(changes["active"], bool):
        raise Refused(400, "active must be a boolean")
    for key in ("displayName", "name.givenName", "name.familyName", "externalId"):
        if key in changes:
            field = key.split(".")[-1]
            user["_scim"][field] = changes[key]
            if key == "displayName":
                user["displayName"] = str(changes[key])
    return set_active(ctx, user, bool(changes.get("active", user.get("active", True))))


def set_active(ctx: Context, user: Record, active: bool) -> Response:
    user["active"] = bool(active)
    user["_scim"]["lastModified"] = iso8601(ctx.now())
    ctx.state.collection("users").put(user["accountId"], user)
    return show(ctx, user)
