"""Authorization servers and the token endpoint as a service app meets them: real RS256 keys that rotate, client
credentials by secret and by signed assertion, a custom server's policies deciding, and an org token's scopes
limiting what the management API lets it do."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from starlette.testclient import TestClient

BASE = "http://127.0.0.1:8000"
ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


def _service_app(okta: TestClient, method: str, jwks: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    settings: dict[str, Any] = {
        "application_type": "service",
        "grant_types": ["client_credentials"],
        "response_types": ["token"],
    }
    if jwks:
        settings["jwks"] = {"keys": jwks}
    body = {
        "name": "oidc_client",
        "label": f"svc {method}",
        "signOnMode": "OPENID_CONNECT",
        "credentials": {"oauthClient": {"token_endpoint_auth_method": method}},
        "settings": {"oauthClient": settings},
    }
    made = okta.post("/api/v1/apps", json=body)
    assert made.status_code == 200, made.text
    return dict(made.json())


def _grant(okta: TestClient, app: dict[str, Any], *scopes: str) -> None:
    for scope in scopes:
        assert okta.post(f"/api/v1/apps/{app['id']}/grants", json={"issuer": BASE, "scopeId": scope}).status_code == 200


def test_the_default_server_is_seeded_and_its_key_verifies_its_tokens(okta: TestClient) -> None:
    server = okta.get("/api/v1/authorizationServers/default").json()
    assert server["audiences"] == ["api://default"] and server["issuer"] == f"{BASE}/oauth2/default"
    scopes = {s["name"] for s in okta.get("/api/v1/authorizationServers/default/scopes").json()}
    assert {"openid", "profile", "email", "address", "phone", "offline_access", "device_sso"} <= scopes
    keys = okta.get("/oauth2/default/v1/keys").json()["keys"]
    assert [k["kid"] for k in keys] == [server["credentials"]["signing"]["kid"]]

    app = _service_app(okta, "client_secret_basic")
    okta.post("/api/v1/authorizationServers/default/scopes", json={"name": "orders:read"})
    secret = app["credentials"]["oauthClient"]["client_secret"]
    answer = okta.post(
        "/oauth2/default/v1/token",
        data={"grant_type": "client_credentials", "scope": "orders:read"},
        auth=(app["credentials"]["oauthClient"]["client_id"], secret),
    )
    assert answer.status_code == 200, answer.text
    claims = jwt.decode(
        answer.json()["access_token"],
        RSAAlgorithm.from_jwk(json.dumps(keys[0])),
        algorithms=["RS256"],
        audience="api://default",
        options={"verify_exp": False},
    )
    assert claims["scp"] == ["orders:read"] and claims["iss"] == f"{BASE}/oauth2/default"


def test_rotation_makes_a_new_active_key_and_expires_the_old(okta: TestClient) -> None:
    made = okta.post("/api/v1/authorizationServers", json={"name": "s", "audiences": ["api://s"]}).json()
    before = made["credentials"]["signing"]["kid"]
    rotated = okta.post(
        f"/api/v1/authorizationServers/{made['id']}/credentials/lifecycle/keyRotate", json={"use": "sig"}
    ).json()
    assert [(k["kid"] == before, k["status"]) for k in rotated] == [(False, "ACTIVE"), (True, "EXPIRED")]
    assert okta.get(f"/api/v1/authorizationServers/{made['id']}").json()["credentials"]["signing"]["kid"] != before


def test_a_custom_server_issues_only_what_a_policy_rule_allows(okta: TestClient) -> None:
    server = okta.post("/api/v1/authorizationServers", json={"name": "api", "audiences": ["api://orders"]}).json()
    base = f"/api/v1/authorizationServers/{server['id']}"
    okta.post(f"{base}/scopes", json={"name": "orders:read"})
    app = _service_app(okta, "client_secret_post")
    client = app["credentials"]["oauthClient"]
    form = {
        "grant_type": "client_credentials",
        "scope": "orders:read",
        "client_id": client["client_id"],
        "client_secret": client["client_secret"],
    }
    refused = okta.post(f"/oauth2/{server['id']}/v1/token", data=form).json()
    assert refused["error"] == "access_denied"  # a new server has no policy
    policy = okta.post(
        f"{base}/policies",
        json={
            "name": "p",
            "description": "p",
            "type": "OAUTH_AUTHORIZATION_POLICY",
            "conditions": {"clients": {"include": ["ALL_CLIENTS"]}},
        },
    ).json()
    okta.post(
        f"{base}/policies/{policy['id']}/rules",
        json={
            "name": "r",
            "type": "RESOURCE_ACCESS",
            "conditions": {"grantTypes": {"include": ["client_credentials"]}, "scopes": {"include": ["orders:read"]}},
            "actions": {"token": {"accessTokenLifetimeMinutes": 5}},
        },
    )
    issued = okta.post(f"/oauth2/{server['id']}/v1/token", data=form).json()
    assert issued["expires_in"] == 300 and issued["scope"] == "orders:read"
    assert (
        okta.post(f"/oauth2/{server['id']}/v1/token", data={**form, "scope": "nope"}).json()["error"] == "invalid_scope"
    )
    assert okta.post(f"/oauth2/{server['id']}/v1/token", data={**form, "client_secret": "x"}).status_code == 401
    # a custom server's token is for the customer's API, not Okta's
    users = okta.get("/api/v1/users", headers={"Authorization": f"Bearer {issued['access_token']}"})
    assert users.status_code == 401


def _assertion(key: rsa.RSAPrivateKey, client_id: str, **changes: Any) -> str:
    now = int(time.time())
    claims = {
        "iss": client_id,
        "sub": client_id,
        "aud": f"{BASE}/oauth2/v1/token",
        "iat": now,
        "exp": now + 300,
        "jti": str(uuid.uuid4()),
        **changes,
    }
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "k1"})


def test_private_key_jwt_gets_an_org_token_limited_to_granted_scopes(okta: TestClient) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = {**json.loads(RSAAlgorithm.to_jwk(key.public_key())), "kid": "k1"}
    app = _service_app(okta, "private_key_jwt", [jwk])
    client_id = app["credentials"]["oauthClient"]["client_id"]
    form = {
        "grant_type": "client_credentials",
        "scope": "okta.users.read okta.groups.manage",
        "client_assertion_type": ASSERTION,
    }
    none_granted = okta.post("/oauth2/v1/token", data={**form, "client_assertion": _assertion(key, client_id)})
    assert none_granted.json()["error"] == "consent_required"
    _grant(okta, app, "okta.users.read")
    signed = _assertion(key, client_id)
    issued = okta.post("/oauth2/v1/token", data={**form, "client_assertion": signed}).json()
    assert issued["scope"] == "okta.users.read"  # the ungranted scope is left out
    assert okta.post("/oauth2/v1/token", data={**form, "client_assertion": signed}).status_code == 401  # jti once
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = okta.post("/oauth2/v1/token", data={**form, "client_assertion": _assertion(other, client_id)})
    assert forged.json()["error"] == "invalid_client"
    bearer = {"Authorization": f"Bearer {issued['access_token']}"}
    assert okta.get("/api/v1/users", headers=bearer).status_code == 200
    refused = okta.post("/api/v1/groups", headers=bearer, json={"profile": {"name": "g"}})
    assert refused.status_code == 403 and refused.json()["errorCode"] == "E0000006"
    assert 'error="insufficient_scope"' in refused.headers["www-authenticate"]


def test_revoked_org_tokens_stop_working(okta: TestClient) -> None:
    app = _service_app(okta, "client_secret_basic")
    _grant(okta, app, "okta.users.read")
    client = app["credentials"]["oauthClient"]
    auth = (client["client_id"], client["client_secret"])
    token = okta.post(
        "/oauth2/v1/token", data={"grant_type": "client_credentials", "scope": "okta.users.read"}, auth=auth
    ).json()["access_token"]
    assert okta.post("/oauth2/v1/introspect", data={"token": token}, auth=auth).json()["active"] is True
    assert okta.post("/oauth2/v1/revoke", data={"token": token}, auth=auth).status_code == 200
    assert okta.post("/oauth2/v1/introspect", data={"token": token}, auth=auth).json() == {"active": False}
    assert okta.get("/api/v1/users", headers={"Authorization": f"Bearer {token}"}).status_code == 401
