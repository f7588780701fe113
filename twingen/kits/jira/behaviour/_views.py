"""How the site's records look on the wire: users, statuses, issue types, priorities ... each with its ``self``
URL in the caller's REST version. Cloud hides ``name``/``key`` (https://developer.atlassian.com/cloud/jira/platform/deprecation-notice-user-privacy-api-migration-guide/);
a site in Server mode shows them as Jira Server/Data Center does.
"""

from __future__ import annotations

from typing import Any

from ..runtime import Context
from ._api import rest, site
from ._store import is_cloud


def user(ctx: Context, record: dict[str, Any] | None, *, full: bool = False) -> dict[str, Any] | None:
    if record is None:
        return None
    account = record["accountId"]
    avatar = f"{site(ctx)}/secure/useravatar?ownerId={account}"
    out: dict[str, Any] = {
        "self": rest(ctx, f"user?accountId={account}"),
        "accountId": account,
        "accountType": record.get("accountType", "atlassian"),
        "emailAddress": record["emailAddress"],
        "avatarUrls": {size: f"{avatar}&size={size[:2]}" for size in ("48x48", "24x24", "16x16", "32x32")},
        "displayName": record["displayName"],
        "active": record.get("active", True),
        "timeZone": record.get("timeZone", "Etc/UTC"),
    }
    if not is_cloud(ctx.state):
        out["self"] = rest(ctx, f"user?username={record['name']}")
        out["name"], out["key"] = record["name"], record["key"]
    if full:
        out["locale"] = record.get("locale", "en_US")
        groups = record.get("groups", [])
        out["groups"] = {
            "size": len(groups),
            "items": [{"name": g, "self": rest(ctx, f"group?groupname={g}")} for g in groups],
        }
        out["applicationRoles"] = {"size": 1, "items": []}
    return out


def category(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    return {"self": rest(ctx, f"statuscategory/{record['id']}"), **record}


def status(ctx: Context, record: dict[str, Any]) -> dict[str, Any]:
    categories = ctx.state.collection("statuscategories")
    cat = categories.get(str(record["category"])) or categories.get("1") or {}
    return {
        "self": rest(ctx, f"status/{record['id']}"),
        "description": record.get("description", ""),
        "iconUrl": f"{site(ctx)}/images/icons/statuses/generic.png",
        "name": record["name"],
        "untranslatedName": record["name"],
        "id": record["id"],
        "statusCategory": category(ctx, cat),
        "scope": None,
    }


def named(ctx: Context, kind: str, record: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """An issue type, priority or resolution: ``self``, ``id``, ``name``, ``description`` and what ``kind`` adds."""
    out = {"self": rest(ctx, f"{kind}/{record['id']}"), **record, **extra}
    if kind == "issuetype":
        out["iconUrl"] = f"{site(ctx)}/images/icons/issuetypes/{record['name'].lower()}.svg"
        out["avatarId"] = 10300 + int(record["id"]) % 100
    elif kind == "priority":
        out["iconUrl"] = f"{site(ctx)}/images/icons/priorities/{record['name'].lower()}.svg"
    return out
