"""SCIM resources over the workspace's own records: a SCIM User is a Slack user, a SCIM Group an IdP group.

A user's SCIM attributes map onto its Slack record (docs.slack.dev/reference/scim-api, "Users" attribute table):
``userName`` = ``name``, ``name.givenName``/``familyName`` = ``profile.first_name``/``last_name``,
``displayName`` = ``profile.display_name``, ``title`` = ``profile.title``, ``emails[primary]`` = ``profile.email``,
``active`` = not ``deleted``, ``timezone`` = ``tz``. Attributes Slack keeps without a Web API field
(``externalId``, ``phoneNumbers``, ``addresses``, ``roles``, ``userType``, ``preferredLanguage``, the enterprise
extension) live in the record's ``_scim``. IdP groups (collection ``idp_groups``, ids ``S...``) are Enterprise
Grid groups managed by the identity provider; they are not ``usergroups.*`` user groups.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from ..runtime import Context

Record = dict[str, Any]

GROUPS = "idp_groups"
V1_CORE = "urn:scim:schemas:core:1.0"
V1_ENTERPRISE = "urn:scim:schemas:extension:enterprise:1.0"
V2_USER = "urn:ietf:params:scim:schemas:core:2.0:User"
V2_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
V2_ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
V2_LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
EXTRAS = ("externalId", "phoneNumbers", "addresses", "roles", "userType", "preferredLanguage", "locale",
          "nickName", "profileUrl")  # fmt: skip
USER_NAME = re.compile(r"[a-z0-9._-]{1,21}")
"""Slack usernames: lower case letters, numbers, periods, hyphens and underscores, at most 21 characters."""


def iso(epoch: int) -> str:
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def base(ctx: Context, version: str) -> str:
    return f"https://api.slack.com/scim/{version}/"


def is_person(user: Record) -> bool:
    """Who SCIM lists: people, active or deactivated; not bots, not Slackbot."""
    return not user.get("is_bot") and not user.get("is_app_user") and user.get("id") != "USLACKBOT"


def user_resource(ctx: Context, version: str, user: Record) -> Record:
    profile = user.get("profile") or {}
    extra: Record = user.get("_scim") or {}
    enterprise_key = V2_ENTERPRISE if version == "v2" else V1_ENTERPRISE
    schemas = [V2_USER, V2_ENTERPRISE] if version == "v2" else [V1_CORE, V1_ENTERPRISE]
    domain = (ctx.state.collection("team").get("team") or {}).get("domain", "")
    groups = [{"value": g["id"], "display": g["displayName"]} for g in ctx.state.collection(GROUPS).values()
              if user["id"] in g["members"]]  # fmt: skip
    resource: Record = {
        "schemas": schemas,
        "id": user["id"],
        "externalId": extra.get("externalId", ""),
        "meta": {"created": iso(int(user.get("updated", 0))), "location": f"{base(ctx, version)}Users/{user['id']}"},
        "userName": user.get("name", ""),
        "nickName": extra.get("nickName", user.get("name", "")),
        "name": {"givenName": profile.get("first_name", ""), "familyName": profile.get("last_name", "")},
        "displayName": profile.get("display_name", ""),
        "profileUrl": f"https://{domain}.slack.com/team/{user.get('name', '')}",
        "title": profile.get("title", ""),
        "timezone": user.get("tz", ""),
        "active": not user.get("deleted"),
        "emails": [{"value": profile["email"], "primary": True}] if profile.get("email") else [],
        "photos": [{"value": profile.get("image_192", ""), "type": "photo"}],
        "groups": groups,
    }
    if version == "v2":
        resource["meta"]["resourceType"] = "User"
    for key in ("phoneNumbers", "addresses", "roles", "userType", "preferredLanguage", "locale"):
        if key in extra:
            resource[key] = extra[key]
    resource[enterprise_key] = extra.get("enterprise", {})
    return resource


def group_resource(ctx: Context, version: str, group: Record) -> Record:
    users = ctx.state.collection("users")
    members = [{"value": m, "display": (users.get(m) or {}).get("name", "")} for m in group["members"]]
    resource: Record = {
        "schemas": [V2_GROUP] if version == "v2" else [V1_CORE],
        "id": group["id"],
        "displayName": group["displayName"],
        "members": members,
        "meta": {"created": iso(int(group["created"])), "location": f"{base(ctx, version)}Groups/{group['id']}"},
    }
    if version == "v2":
        resource["meta"]["resourceType"] = "Group"
    return resource


def primary_email(body: Record) -> str | None:
    """The email to keep: the primary one, else the first; None when the body names none."""
    emails = body.get("emails")
    if not isinstance(emails, list):
        return None
    values = [e for e in emails if isinstance(e, dict) and isinstance(e.get("value"), str)]
    chosen = next((e for e in values if e.get("primary")), values[0] if values else None)
    return chosen["value"].strip() if chosen else None


def apply_user(user: Record, body: Record, *, replace: bool) -> None:
    """Write SCIM attributes from ``body`` onto ``user`` (already checked by ``scim_checks``)."""
    profile = user.setdefault("profile", {})
    extra: Record = {} if replace else dict(user.get("_scim") or {})
    if "userName" in body:
        user["name"] = str(body["userName"]).strip().lower()
    name = body.get("name")
    if isinstance(name, dict) or replace:
        name = name if isinstance(name, dict) else {}
        first = name.get("givenName", profile.get("first_name", "") if not replace else "")
        last = name.get("familyName", profile.get("last_name", "") if not replace else "")
        real = " ".join(p for p in (first, last) if p)
        profile.update(first_name=first, last_name=last, real_name=real, real_name_normalized=real)
        user["real_name"] = real
    if "displayName" in body or replace:
        shown = str(body.get("displayName") or "")
        profile.update(display_name=shown, display_name_normalized=shown)
    if "title" in body or replace:
        profile["title"] = str(body.get("title") or "")
    if body.get("timezone"):
        user["tz"] = str(body["timezone"])
    email = primary_email(body)
    if email is not None:
        profile["email"] = email
    if "active" in body:
        user["deleted"] = not bool(body["active"])
    for key in EXTRAS:
        if key in body:
            extra[key] = body[key]
    for key in (V1_ENTERPRISE, V2_ENTERPRISE):
        if isinstance(body.get(key), dict):
            extra["enterprise"] = {**extra.get("enterprise", {}), **body[key]}
    user["_scim"] = extra
