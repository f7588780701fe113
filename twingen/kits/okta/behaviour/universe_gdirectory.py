"""Okta's Google Workspace provisioning client: the Admin SDK Directory API, as Okta's Google Workspace app calls it.

Okta's Google Workspace integration does not speak SCIM: it provisions through Google's Directory API (users and
groups) with an authorized admin (https://help.okta.com/en-us/Content/Topics/Provisioning/Google/google-provisioning.htm).
A target (``behaviour/universe.py``) with ``"protocol": "google-directory"`` names ``directoryBaseUrl`` (the API's
``.../admin/directory/v1``, loopback only; a ``?twin_tenant=`` query is kept on every call), an admin's bearer
``token``, the ``customer`` and the ``domain`` users are made in. What Okta does, and the source of each rule:

- Create Users: "Okta does not create a new account if it detects that a username specified in Okta already exists"
  (https://support.okta.com/help/Documentation/Knowledge_Article/28208416-Configuring-Provisioning-for-Google-Apps),
  so ``users.get`` by the primary email first, then ``users.insert`` with ``primaryEmail``, ``name``, a password
  (required by ``users.insert``; without password push Okta sets one the user never learns: a random one here) and
  the Okta user id in ``externalIds`` (the KB: provisioning "utilizes the External ID attribute"; type ``custom``,
  ``customType`` ``okta`` is our choice). An existing account is linked and unsuspended.
- A user whose email domain is not the app's Google domain is refused by Okta before any call, as Okta words it
  ("The user's email domain does not match the domain specified in Google Apps",
  https://support.okta.com/help/s/question/0D54z00006z0lEtCAI/users-with-different-domains-not-ad).
- Update User Attributes: ``users.update`` with the name and primary email (Google's update keeps fields not sent).
- Deactivate Users: Google accounts are suspended, not deleted: deleting destroys the user's mail and files
  (https://support.okta.com/help/s/article/G-Suite-users-are-not-deactivated-from-Okta: "Deactivate Users" on
  removal from the app; Google's own word for it is ``suspended``). Assigning again sets ``suspended: false``.
- Group push (https://help.okta.com/en-us/Content/Topics/users-groups-profiles/usgp-configure-enhanced-group-push.htm,
  which uses Google Workspace as its example): Create Group (``groups.insert``) or Link Group (an existing one,
  ``groups.patch`` of its name), then its members (``members.insert`` / ``members.delete``). A Google group needs an
  email: the group name lower-cased, each run of other characters than letters, digits, ``.``, ``_`` and ``-`` made
  one ``-``, at the app's domain (our choice; Okta's docs do not say).
"""

from __future__ import annotations

import json
import re
import secrets
import urllib.parse
from typing import Any

from .universe_scim import PushFailed, Refused, send

Record = dict[str, Any]
PROTOCOL = "google-directory"
EXTERNAL_ID_TYPE = {"type": "custom", "customType": "okta"}


def call(target: Record, method: str, path: str, body: Record | None = None, missing_ok: bool = False) -> Record | None:
    """One Directory API request, its JSON answer; ``None`` for a 404 when ``missing_ok``; else ``PushFailed``."""
    base, _, kept = target["directoryBaseUrl"].partition("?")
    url = base.rstrip("/") + path + (("&" if "?" in path else "?") + kept if kept else "")
    headers = {"Authorization": f"Bearer {target['token']}", "Accept": "application/json"}
    try:
        return send(url, method, path, headers, body, "application/json")
    except Refused as refused:
        if missing_ok and refused.status == 404:
            return None
        raise PushFailed(f"{method} {path}: {refused.status} {_message(refused.detail)}") from None


def _message(detail: str) -> str:
    """Google's ``error.message`` when the answer has one (Okta shows the app's reason)."""
    try:
        found = json.loads(detail)
    except ValueError:
        return detail[:300]
    error = found.get("error") if isinstance(found, dict) else None
    return str(error.get("message"))[:300] if isinstance(error, dict) and error.get("message") else detail[:300]


def _key(value: str) -> str:
    return urllib.parse.quote(value, safe="@")


def primary_email(target: Record, user_name: str) -> str:
    """The Google account of an app username: a bare prefix gets the app's domain; any other domain is refused."""
    domain = str(target.get("domain") or "").lower()
    if "@" not in user_name:
        return f"{user_name}@{domain}"
    if user_name.rsplit("@", 1)[1].lower() != domain:
        raise PushFailed("The user's email domain does not match the domain specified in Google Apps")
    return user_name


def user_body(email: str, user: Record) -> Record:
    profile = user.get("profile") or {}
    return {
        "primaryEmail": email,
        "name": {"givenName": str(profile.get("firstName") or ""), "familyName": str(profile.get("lastName") or "")},
        "externalIds": [{**EXTERNAL_ID_TYPE, "value": user["id"]}],
    }


def provision(target: Record, user_name: str, user: Record, known: str | None) -> str:
    """The Google user id after the push: unsuspended if Google has them (linked or found by email), else made."""
    email = primary_email(target, user_name)
    if known is None:
        found = call(target, "GET", f"/users/{_key(email)}", missing_ok=True)
        known = str(found["id"]) if found and found.get("id") else None
    if known is not None:
        call(target, "PUT", f"/users/{_key(known)}", {"suspended": False})
        return known
    made = call(target, "POST", "/users", {**user_body(email, user), "password": secrets.token_urlsafe(24),
                                           "changePasswordAtNextLogin": False})  # fmt: skip
    if not made or not made.get("id"):
        raise PushFailed("POST /users: no id in the answer")
    return str(made["id"])


def replace(target: Record, google_id: str, user_name: str, user: Record) -> None:
    call(target, "PUT", f"/users/{_key(google_id)}", user_body(primary_email(target, user_name), user))


def deactivate(target: Record, google_id: str) -> None:
    call(target, "PUT", f"/users/{_key(google_id)}", {"suspended": True})


# -- group push ------------------------------------------------------------------------------------------------
def group_email(target: Record, name: str) -> str:
    local = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-.") or "group"
    return f"{local}@{str(target.get('domain') or '').lower()}"


def push_group(target: Record, group_id: str | None, name: str | None, description: str, members: list[str]) -> str:
    """Create (by name) or link (by id, or the same-named group's email) the Google group and make its members
    exactly ``members`` (primary emails), as a linked group's membership follows Okta's; its id."""
    if group_id is None:
        email = group_email(target, name or "")
        found = call(target, "GET", f"/groups/{_key(email)}", missing_ok=True)
        if found is None:
            body = {"email": email, "name": name, "description": description}
            made = call(target, "POST", "/groups", body) or {}
            if not made.get("id"):
                raise PushFailed("POST /groups: no id in the answer")
            group_id = str(made["id"])
        else:
            group_id = str(found["id"])
            call(target, "PATCH", f"/groups/{_key(group_id)}", {"name": name, "description": description})
    else:
        call(target, "GET", f"/groups/{_key(group_id)}")  # a linked group that is gone fails the push
    current = {str(m.get("email") or "").lower() for m in _members(target, group_id)}
    wanted = {m.lower() for m in members}
    for email in sorted(wanted - current):
        add_member(target, group_id, email)
    for email in sorted(current - wanted):
        remove_member(target, group_id, email)
    return group_id


def _members(target: Record, group_id: str) -> list[Record]:
    found: list[Record] = []
    token = ""
    while True:
        query = "?" + urllib.parse.urlencode({"pageToken": token}) if token else ""
        page = call(target, "GET", f"/groups/{_key(group_id)}/members{query}") or {}
        found += [m for m in page.get("members") or () if isinstance(m, dict)]
        token = str(page.get("nextPageToken") or "")
        if not token:
            return found


def add_member(target: Record, group_id: str, email: str) -> None:
    call(target, "POST", f"/groups/{_key(group_id)}/members", {"email": email, "role": "MEMBER"})


def remove_member(target: Record, group_id: str, email: str) -> None:
    call(target, "DELETE", f"/groups/{_key(group_id)}/members/{_key(email)}")


def delete_group(target: Record, group_id: str) -> None:
    call(target, "DELETE", f"/groups/{_key(group_id)}")
