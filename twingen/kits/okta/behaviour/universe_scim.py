"""Okta's SCIM 2.0 client side, as Okta calls a provisioned app (loopback only).

The requests are those of Okta's SCIM 2.0 reference
(https://developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20/): look the user up by ``userName``,
create with the core User schema (``userName``, ``name``, ``emails`` (primary, work), ``displayName``,
``externalId`` = the Okta user id, ``active``), and change ``active`` with a PatchOp ``replace``.
"""

from __future__ import annotations

import ipaddress
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

Record = dict[str, Any]
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
# no proxies: the targets are other twins on this machine
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class PushFailed(RuntimeError):
    """The app refused a push or could not be reached; the message is Okta's reason in the System Log."""


def is_loopback_url(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Refused(PushFailed):
    """The app answered with an error status: ``status`` and the start of its ``detail``."""

    def __init__(self, method: str, path: str, status: int, detail: str) -> None:
        super().__init__(f"{method} {path}: {status} {detail[:300]}")
        self.status, self.detail = status, detail


def send(url: str, method: str, path: str, headers: dict[str, str], body: Record | None, media: str) -> Record:
    """One JSON request to another twin on this machine (no proxies), its JSON object answer; ``Refused`` for an
    error status, ``PushFailed`` for no answer, a non-loopback URL or an answer that is not JSON. ``path`` names the
    call in messages."""
    if not is_loopback_url(url):
        raise PushFailed(f"not a loopback target: {url}")
    headers = dict(headers)
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = media
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with _OPENER.open(request, timeout=15) as answer:
            raw = answer.read()
    except urllib.error.HTTPError as error:
        with error:
            detail = error.read().decode("utf-8", "replace")
        raise Refused(method, path, error.code, detail) from None
    except OSError as error:
        raise PushFailed(f"{method} {path}: {error}") from None
    try:
        found = json.loads(raw) if raw.strip() else {}
    except ValueError:
        raise PushFailed(f"{method} {path}: not JSON") from None
    return found if isinstance(found, dict) else {}


def call(target: Record, method: str, path: str, body: Record | None = None) -> Record:
    """One SCIM request to the target, its JSON answer; ``PushFailed`` on a refusal or no answer."""
    # a query in the base URL (a twin's ``?twin_tenant=``) is kept on every call, after the call's own
    base, _, kept = target["scimBaseUrl"].partition("?")
    url = base + path + (("&" if "?" in path else "?") + kept if kept else "")
    headers = {
        "Authorization": f"Bearer {target['token']}",
        "Accept": "application/scim+json",
        "User-Agent": "Okta SCIM Client 1.0.0",
    }
    return send(url, method, path, headers, body, "application/scim+json; charset=utf-8")


def user_body(user_name: str, user: Record) -> Record:
    profile = user.get("profile") or {}
    first, last = str(profile.get("firstName") or ""), str(profile.get("lastName") or "")
    email = str(profile.get("email") or "")
    return {
        "schemas": [USER_SCHEMA],
        "userName": user_name,
        "name": {"givenName": first, "familyName": last},
        "emails": [{"primary": True, "value": email, "type": "work"}],
        "displayName": f"{first} {last}".strip() or user_name,
        "locale": str(profile.get("locale") or "en-US"),
        "externalId": user["id"],
        "groups": [],
        "active": True,
    }


def _active(value: bool) -> Record:
    return {"schemas": [PATCH_SCHEMA], "Operations": [{"op": "replace", "value": {"active": value}}]}


def provision(target: Record, user_name: str, user: Record, known: str | None) -> str:
    """The downstream id of the user after the push: reactivated if the app has them, else created."""
    if known is None:
        query = urllib.parse.urlencode({"filter": f'userName eq "{user_name}"', "startIndex": 1, "count": 100})
        listing = call(target, "GET", f"/Users?{query}")
        found = listing.get("Resources") or []
        known = str(found[0].get("id")) if found and isinstance(found[0], dict) else None
    if known is not None:
        call(target, "PATCH", f"/Users/{urllib.parse.quote(known)}", _active(True))
        return known
    made = call(target, "POST", "/Users", user_body(user_name, user))
    if not made.get("id"):
        raise PushFailed("POST /Users: no id in the answer")
    return str(made["id"])


def replace(target: Record, scim_id: str, user_name: str, user: Record) -> None:
    """A profile change: Okta ``PUT``s the whole user (the SCIM 2.0 guide's "Update a specific user")."""
    call(target, "PUT", f"/Users/{urllib.parse.quote(scim_id)}", {**user_body(user_name, user), "id": scim_id})


def deactivate(target: Record, scim_id: str) -> None:
    call(target, "PATCH", f"/Users/{urllib.parse.quote(scim_id)}", _active(False))
