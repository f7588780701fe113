"""The Okta twin in a universe (``twingen universe``): the identity provider.

``connect`` makes one app per provisioned twin through the Apps API (a bookmark app labelled with the vendor's
name: the twin has no OIN catalogue entry for each) and turns provisioning on through the twin's
``/_twin/universe/targets`` (behaviour/universe.py: on a real org that is the app's Provisioning tab).
``provision`` creates an active user with the Users API and assigns them to each app with the Apps API, which is
what pushes them over SCIM.
"""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]
ROLE = "identity"


def _headers(member: Any, tenant: str) -> dict[str, str]:
    return {"Authorization": f"SSWS {member.credentials(tenant)['apikey']['token']}", "Accept": "application/json"}


def _ok(answer: Any) -> Json:
    if answer.status_code >= 400:
        raise RuntimeError(f"okta answered {answer.status_code}: {answer.text[:300]}")
    return answer.json()  # type: ignore[no-any-return]


def connect(member: Any, tenant: str, targets: dict[str, Json]) -> dict[str, str]:
    headers = _headers(member, tenant)
    apps = {}
    for name, target in targets.items():
        body = {
            "name": "bookmark",
            "label": target["label"],
            "signOnMode": "BOOKMARK",
            "settings": {"app": {"requestIntegration": False, "url": target["appUrl"]}},
        }
        app = _ok(member.http.post("/api/v1/apps", json=body, headers=headers))
        member.control("POST", "/universe/targets", {"tenant": tenant, "appId": app["id"], **target})
        apps[name] = app["id"]
    return apps


def provision(member: Any, tenant: str, person: Json, app_ids: list[str]) -> str:
    headers = _headers(member, tenant)
    profile = {k: person[k] for k in ("firstName", "lastName", "email", "login")}
    user = _ok(
        member.http.post("/api/v1/users", params={"activate": "true"}, json={"profile": profile}, headers=headers)
    )
    for app_id in app_ids:
        _ok(member.http.post(f"/api/v1/apps/{app_id}/users", json={"id": user["id"]}, headers=headers))
    return str(user["id"])
