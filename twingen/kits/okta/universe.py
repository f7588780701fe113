"""The Okta twin in a universe (``twingen universe``): the identity provider.

``connect`` makes one app per provisioned twin through the Apps API (a bookmark app labelled with the vendor's
name: the twin has no OIN catalogue entry for each) and turns provisioning on through the twin's
``/_twin/universe/targets`` (behaviour/universe.py: on a real org that is the app's Provisioning tab).
``provision`` creates an active user with the Users API (with the roster's password, so they can sign in) and
assigns them to each app with the Apps API, which is what pushes them over SCIM. ``connect_sso`` makes an OpenID
Connect app per app member, which the member trusts (``POST /_twin/trust``), and ``sign_in`` is a person's
sign-in to one of them: twingen/universe/signin.py.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from typing import Any
from urllib.parse import parse_qs, urlsplit

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


def sign_in(member: Any, tenant: str, client: Json, email: str, password: str) -> tuple[int, Json]:
    """A person's tokens for ``client`` as an app gets them without a browser: primary authentication
    (``/api/v1/authn``: a one-time session token), ``/oauth2/v1/authorize`` with it (the 302 to the redirect URI is
    read, never followed), the code exchanged at ``/oauth2/v1/token`` with PKCE. ``(200, tokens)``, or the status and
    Okta's refusal of the step that failed. Calls without a credential name a non-default tenant (``twin_tenant``)."""
    query = {} if tenant == "default" else {"twin_tenant": tenant}
    http = member.http
    authn = http.post("/api/v1/authn", params=query, json={"username": email, "password": password})
    if authn.status_code != 200 or authn.json().get("status") != "SUCCESS":
        return (authn.status_code if authn.status_code >= 400 else 401), authn.json()
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")
    state = secrets.token_urlsafe(12)
    asked = {
        "client_id": client["client_id"],
        "response_type": "code",
        "scope": "openid email profile",
        "redirect_uri": client["redirect_uri"],
        "state": state,
        "nonce": secrets.token_urlsafe(12),
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "sessionToken": authn.json()["sessionToken"],
    }
    authorize = http.get("/oauth2/v1/authorize", params={**query, **asked}, follow_redirects=False)
    location = authorize.headers.get("location", "")
    if authorize.status_code != 302 or not location.startswith(client["redirect_uri"]):
        # a 400 page (client, redirect URI), or Okta's sign-in page: the session token did not sign them in
        return (authorize.status_code if authorize.status_code >= 400 else 401), {
            "error": "authorize_failed",
            "location": location,
        }
    answer = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    if "error" in answer or answer.get("state") != state:
        return 403, answer
    fields = {"grant_type": "authorization_code", "code": answer["code"], "redirect_uri": client["redirect_uri"]}
    token = http.post(
        "/oauth2/v1/token",
        params=query,
        data={**fields, "code_verifier": verifier},
        auth=(client["client_id"], client["client_secret"]),
    )
    return token.status_code, token.json()
