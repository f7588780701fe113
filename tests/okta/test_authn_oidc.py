"""A person's tokens without a browser, the ways Okta allows: primary authentication (``/api/v1/authn``) for a
one-time session token, ``/authorize`` with it (302 to the redirect URI with a code), the code exchanged at
``/token`` (PKCE), and the password grant; ID tokens verified with the server's published keys."""

from __future__ import annotations

import base64
import hashlib
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from starlette.testclient import TestClient

BASE = "http://127.0.0.1:8000"
REDIRECT = "https://portal.example.com/cb"
PASSWORD = "Horse-Battery-9"
VERIFIER = "v" * 20 + "erifier-of-forty-three-chars"


def _challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")


def _app(okta: TestClient, grants: list[str], method: str = "client_secret_basic") -> dict[str, Any]:
    body = {
        "label": "Portal",
        "name": "oidc_client",
        "signOnMode": "OPENID_CONNECT",
        "credentials": {"oauthClient": {"token_endpoint_auth_method": method}},
        "settings": {
            "oauthClient": {
                "redirect_uris": [REDIRECT],
                "response_types": ["code"],
                "grant_types": grants,
                "application_type": "web" if method != "none" else "browser",
            }
        },
    }
    answer = okta.post("/api/v1/apps", json=body)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _user(okta: TestClient, name: str, assign_to: dict[str, Any] | None = None) -> dict[str, Any]:
    profile = {
        "firstName": "Ada",
        "lastName": name.title(),
        "login": f"{name}@acme.example",
        "email": f"{name}@acme.example",
    }
    body = {"profile": profile, "credentials": {"password": {"value": PASSWORD}}}
    user = okta.post("/api/v1/users", params={"activate": "true"}, json=body).json()
    if assign_to is not None:
        assert okta.post(f"/api/v1/apps/{assign_to['id']}/users", json={"id": user["id"]}).status_code == 200
    return dict(user)


def _client(app: dict[str, Any]) -> tuple[str, str]:
    oauth = app["credentials"]["oauthClient"]
    return oauth["client_id"], oauth.get("client_secret", "")


def _session_token(okta: TestClient, login: str, password: str = PASSWORD) -> Any:
    return okta.post("/api/v1/authn", json={"username": login, "password": password}, headers={"Authorization": ""})


def _authorize(okta: TestClient, app: dict[str, Any], server: str = "", **extra: Any) -> Any:
    query = {
        "client_id": _client(app)[0],
        "response_type": "code",
        "scope": "openid email profile",
        "redirect_uri": REDIRECT,
        "state": "st-1",
        "nonce": "n-1",
        "code_challenge": _challenge(VERIFIER),
        "code_challenge_method": "S256",
        **extra,
    }
    query = {k: v for k, v in query.items() if v is not None}
    return okta.get(
        f"/oauth2{server}/v1/authorize", params=query, headers={"Authorization": ""}, follow_redirects=False
    )


def _code(answer: Any) -> dict[str, list[str]]:
    assert answer.status_code == 302, answer.text
    location = answer.headers["location"]
    assert location.startswith(REDIRECT)
    return parse_qs(urlsplit(location).query)


def _token(okta: TestClient, app: dict[str, Any], server: str = "", **fields: str) -> Any:
    client_id, secret = _client(app)
    auth = (client_id, secret) if secret else None
    body = fields if secret else {"client_id": client_id, **fields}
    return okta.post(
        f"/oauth2{server}/v1/token", data=body, auth=auth, headers={"Authorization": ""} if not auth else {}
    )


def _verify(okta: TestClient, token: str, audience: str, server: str = "") -> dict[str, Any]:
    keys = okta.get(f"/oauth2{server}/v1/keys").json()["keys"]
    kid = jwt.get_unverified_header(token)["kid"]
    key = jwt.PyJWK(next(k for k in keys if k["kid"] == kid)).key
    # the seeded twin's clock is its own (2024): expiry is checked against it by the test, not by PyJWT
    return dict(
        jwt.decode(
            token,
            key,
            algorithms=["RS256"],
            audience=audience,
            issuer=BASE + (f"/oauth2{server}" if server else ""),
            options={"verify_exp": False, "verify_iat": False},
        )
    )


@pytest.fixture
def portal(okta: TestClient) -> dict[str, Any]:
    return _app(okta, ["authorization_code", "password"])


def test_authn_gives_a_session_token_and_a_wrong_password_is_e0000004(okta: TestClient, portal: dict[str, Any]) -> None:
    _user(okta, "ada", portal)
    signed = _session_token(okta, "ada@acme.example")
    assert signed.status_code == 200 and signed.json()["status"] == "SUCCESS" and signed.json()["sessionToken"]
    wrong = _session_token(okta, "ada@acme.example", "Not-The-Password-1")
    assert wrong.status_code == 401 and wrong.json()["errorCode"] == "E0000004"


def test_the_code_flow_gives_an_id_token_for_the_person(okta: TestClient, portal: dict[str, Any]) -> None:
    user = _user(okta, "ada", portal)
    session = _session_token(okta, "ada@acme.example").json()["sessionToken"]
    got = _code(_authorize(okta, portal, sessionToken=session))
    assert got["state"] == ["st-1"]
    answer = _token(
        okta,
        portal,
        grant_type="authorization_code",
        code=got["code"][0],
        redirect_uri=REDIRECT,
        code_verifier=VERIFIER,
    )
    assert answer.status_code == 200, answer.text
    tokens = answer.json()
    assert tokens["token_type"] == "Bearer" and tokens["scope"] == "openid email profile" and tokens["access_token"]
    claims = _verify(okta, tokens["id_token"], _client(portal)[0])
    assert claims["sub"] == user["id"] and claims["email"] == "ada@acme.example"
    assert claims["name"] == "Ada Ada" and claims["preferred_username"] == "ada@acme.example"
    assert claims["nonce"] == "n-1" and claims["exp"] - claims["iat"] == 3600
    info = okta.get("/oauth2/v1/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert info.status_code == 200 and info.json()["sub"] == user["id"] and info.json()["email"] == "ada@acme.example"
    # the code and the session token are good once
    again = _token(
        okta,
        portal,
        grant_type="authorization_code",
        code=got["code"][0],
        redirect_uri=REDIRECT,
        code_verifier=VERIFIER,
    )
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
    assert _authorize(okta, portal, sessionToken=session).headers["location"].startswith(BASE + "/login/login.htm")


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"code_verifier": "x" * 43}, "invalid_grant"),
        ({"redirect_uri": "https://portal.example.com/other"}, "invalid_grant"),
        ({"code": "nope"}, "invalid_grant"),
    ],
    ids=["pkce", "redirect", "unknown-code"],
)
def test_a_code_exchange_that_does_not_match_is_refused(
    okta: TestClient, portal: dict[str, Any], change: dict[str, str], error: str
) -> None:
    _user(okta, "ada", portal)
    session = _session_token(okta, "ada@acme.example").json()["sessionToken"]
    code = _code(_authorize(okta, portal, sessionToken=session))["code"][0]
    fields = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT,
        "code_verifier": VERIFIER,
        **change,
    }
    answer = _token(okta, portal, **fields)
    assert answer.status_code == 400 and answer.json()["error"] == error


def test_authorize_refusals(okta: TestClient, portal: dict[str, Any]) -> None:
    _user(okta, "bob")  # not assigned to the app
    session = _session_token(okta, "bob@acme.example").json()["sessionToken"]
    denied = _code(_authorize(okta, portal, sessionToken=session))
    assert denied["error"] == ["access_denied"] and denied["state"] == ["st-1"]
    assert denied["error_description"] == ["User is not assigned to the client application."]
    assert _code(_authorize(okta, portal, prompt="none"))["error"] == ["login_required"]
    assert _code(_authorize(okta, portal, response_type="token"))["error"] == ["unsupported_response_type"]
    assert _authorize(okta, portal, client_id="0oanope").status_code == 400
    assert _authorize(okta, portal, redirect_uri="https://evil.example/cb").status_code == 400


def test_the_password_grant(okta: TestClient, portal: dict[str, Any]) -> None:
    user = _user(okta, "ada", portal)
    answer = _token(
        okta, portal, grant_type="password", username="ada@acme.example", password=PASSWORD, scope="openid email"
    )
    assert answer.status_code == 200, answer.text
    claims = _verify(okta, answer.json()["id_token"], _client(portal)[0])
    assert claims["sub"] == user["id"] and claims["email"] == "ada@acme.example" and "name" not in claims
    wrong = _token(
        okta, portal, grant_type="password", username="ada@acme.example", password="Wrong-Pass-1", scope="openid"
    )
    assert wrong.status_code == 400 and wrong.json() == {
        "error": "invalid_grant",
        "error_description": "The credentials provided were invalid.",
    }
    code_only = _app(okta, ["authorization_code"])
    refused = _token(
        okta, code_only, grant_type="password", username="ada@acme.example", password=PASSWORD, scope="openid"
    )
    assert refused.status_code == 400 and refused.json()["error"] == "unauthorized_client"


@pytest.mark.parametrize("lifecycle", ["deactivate", "suspend"])
def test_a_deactivated_or_suspended_person_cannot_sign_in(
    okta: TestClient, portal: dict[str, Any], lifecycle: str
) -> None:
    user = _user(okta, "ada", portal)
    session = _session_token(okta, "ada@acme.example").json()["sessionToken"]
    assert okta.post(f"/api/v1/users/{user['id']}/lifecycle/{lifecycle}").status_code == 200
    refused = _session_token(okta, "ada@acme.example")
    assert refused.status_code == 401 and refused.json()["errorCode"] == "E0000004"
    grant = _token(okta, portal, grant_type="password", username="ada@acme.example", password=PASSWORD, scope="openid")
    assert grant.status_code == 400 and grant.json()["error"] == "invalid_grant"
    # a session token taken before does not sign them in any more
    assert _authorize(okta, portal, sessionToken=session).headers["location"].startswith(BASE + "/login/login.htm")


def test_a_public_client_needs_pkce(okta: TestClient) -> None:
    spa = _app(okta, ["authorization_code"], method="none")
    _user(okta, "ada", spa)
    session = _session_token(okta, "ada@acme.example").json()["sessionToken"]
    assert _code(_authorize(okta, spa, sessionToken=session, code_challenge=None))["error"] == ["invalid_request"]
    session = _session_token(okta, "ada@acme.example").json()["sessionToken"]
    code = _code(_authorize(okta, spa, sessionToken=session))["code"][0]
    missing = _token(okta, spa, grant_type="authorization_code", code=code, redirect_uri=REDIRECT)
    assert missing.status_code == 400
    session = _session_token(okta, "ada@acme.example").json()["sessionToken"]
    code = _code(_authorize(okta, spa, sessionToken=session))["code"][0]
    answer = _token(
        okta, spa, grant_type="authorization_code", code=code, redirect_uri=REDIRECT, code_verifier=VERIFIER
    )
    assert answer.status_code == 200 and "id_token" in answer.json()


def test_a_custom_server_signs_with_its_own_keys(okta: TestClient, portal: dict[str, Any]) -> None:
    user = _user(okta, "ada", portal)
    session = _session_token(okta, "ada@acme.example").json()["sessionToken"]
    code = _code(_authorize(okta, portal, server="/default", sessionToken=session))["code"][0]
    wrong_server = _token(
        okta, portal, grant_type="authorization_code", code=code, redirect_uri=REDIRECT, code_verifier=VERIFIER
    )
    assert wrong_server.status_code == 400  # a code is redeemed where it was issued (and is gone after)
    session = _session_token(okta, "ada@acme.example").json()["sessionToken"]
    code = _code(_authorize(okta, portal, server="/default", sessionToken=session))["code"][0]
    answer = _token(
        okta,
        portal,
        server="/default",
        grant_type="authorization_code",
        code=code,
        redirect_uri=REDIRECT,
        code_verifier=VERIFIER,
    )
    assert answer.status_code == 200, answer.text
    claims = _verify(okta, answer.json()["id_token"], _client(portal)[0], server="/default")
    assert claims["sub"] == user["id"] and claims["iss"] == BASE + "/oauth2/default"
    access = jwt.decode(answer.json()["access_token"], options={"verify_signature": False})
    assert access["aud"] == "api://default" and access["uid"] == user["id"] and access["sub"] == "ada@acme.example"
