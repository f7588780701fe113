"""The Okta twin in a universe (``twingen universe``): the identity provider.

``connect`` makes one app per provisioned twin through the Apps API (a bookmark app labelled with the vendor's
name: the twin has no OIN catalogue entry for each) and turns provisioning on through the twin's
``/_twin/universe/targets`` (behaviour/universe.py: on a real org that is the app's Provisioning tab).
``provision`` creates an active user with the Users API (with the roster's password, so they can sign in) and
assigns them to each app with the Apps API, which is what pushes them over SCIM. ``connect_sso`` makes an OpenID
Connect app per app member, which the member trusts (``POST /_twin/trust``): twingen/universe/signin.py.
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
    body: Json = {"profile": profile}
    if person.get("password"):  # the person signs in to Okta with it (and through Okta to the apps)
        body["credentials"] = {"password": {"value": person["password"]}}
    user = _ok(member.http.post("/api/v1/users", params={"activate": "true"}, json=body, headers=headers))
    for app_id in app_ids:
        _ok(member.http.post(f"/api/v1/apps/{app_id}/users", json={"id": user["id"]}, headers=headers))
    return str(user["id"])


def connect_sso(member: Any, tenant: str, apps: dict[str, Json]) -> dict[str, Json]:
    """One OpenID Connect app (web, authorization code) per app member, ``apps`` by member name giving ``label`` and
    ``redirect_uri``: its client id and secret, and the org authorization server's issuer and keys URL (the tenant's:
    ``?twin_tenant=`` for another than the default), which the member is told to trust."""
    headers = _headers(member, tenant)
    query = "" if tenant == "default" else f"?twin_tenant={tenant}"
    made = {}
    for name, app in apps.items():
        body = {
            "name": "oidc_client",
            "label": f"{app['label']} (OpenID Connect)",
            "signOnMode": "OPENID_CONNECT",
            "credentials": {"oauthClient": {"token_endpoint_auth_method": "client_secret_basic"}},
            "settings": {
                "oauthClient": {
                    "redirect_uris": [app["redirect_uri"]],
                    "response_types": ["code"],
                    "grant_types": ["authorization_code"],
                    "application_type": "web",
                }
            },
        }
        created = _ok(member.http.post("/api/v1/apps", json=body, headers=headers))
        client = created["credentials"]["oauthClient"]
        made[name] = {
            "app_id": created["id"],
            "client_id": client["client_id"],
            "client_secret": client["client_secret"],
            "redirect_uri": app["redirect_uri"],
            "issuer": member.base_url,
            "jwks_uri": f"{member.base_url}/oauth2/v1/keys{query}",
        }
    return made
