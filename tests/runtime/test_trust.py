"""Trusted issuers (``POST /_twin/trust``): a JWT that no credential matches, signed by an issuer the tenant
trusts, for its audience and not expired on the twin's clock, acts as the person the kit's ``@federated`` hook
names; anything else is refused as an unknown token is."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from starlette.testclient import TestClient

from twingen.runtime import (
    Context,
    Credential,
    Registry,
    SeedContext,
    State,
    TwinApp,
    VendorError,
    behaviour,
    create_app,
    federated,
    seed,
)

from . import specs

ISSUER = "http://127.0.0.1:9/idp"
AUDIENCE = "client-widgets"


@seed
def seed_people(ctx: SeedContext) -> None:
    suffix = "" if ctx.tenant == "default" else f"-{ctx.tenant}"
    ctx.credential(Credential("admin", "bearer", token=f"seeded{suffix}", principal={"email": "admin@x.example"}))
    ctx.state.collection("people").put("ann@x.example", {"email": "ann@x.example", "active": True})
    ctx.state.collection("people").put("bob@x.example", {"email": "bob@x.example", "active": False})


@federated
def person(state: State, tenant: str, claims: dict[str, Any]) -> Credential | None:
    found = state.collection("people").get(str(claims.get("email") or ""))
    if found is None:
        return None
    if not found["active"]:
        raise VendorError("account_inactive", 401, "deactivated")
    return Credential("sso", "bearer", principal={"email": found["email"]})


@behaviour("listWidgets")
def whoami(ctx: Context) -> dict[str, Any]:
    assert ctx.principal is not None
    return {"email": ctx.identity["email"], "tenant": ctx.tenant, "token": ctx.principal.token[:3]}


def _app() -> TwinApp:
    module = ModuleType("trusting_behaviour")
    for fn in (seed_people, person, whoami):
        setattr(module, fn.__name__, fn)
    return create_app(specs.generic(), Registry.from_modules([module]))


class Issuer:
    """An identity provider's signing key, its JWKS, and tokens it signs."""

    def __init__(self, kid: str = "k1") -> None:
        self.kid = kid
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def jwks(self) -> dict[str, Any]:
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    def token(self, **claims: Any) -> str:
        now = int(time.time())
        body = {"iss": ISSUER, "aud": AUDIENCE, "sub": "00u1", "email": "ann@x.example", "iat": now, "exp": now + 600}
        body.update(claims)
        return jwt.encode(body, self.key, algorithm="RS256", headers={"kid": self.kid})


@pytest.fixture(scope="module")
def issuer() -> Issuer:
    return Issuer()


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(_app(), raise_server_exceptions=False) as made:
        yield made


def _call(client: TestClient, token: str) -> Any:
    return client.get("/widgets", headers={"Authorization": f"Bearer {token}"})


def _trust(client: TestClient, issuer: Issuer, **extra: Any) -> Any:
    return client.post("/_twin/trust", json={"issuer": ISSUER, "audience": AUDIENCE, "jwks": issuer.jwks(), **extra})


def test_a_token_from_an_issuer_not_trusted_is_refused(client: TestClient, issuer: Issuer) -> None:
    assert _call(client, issuer.token()).status_code == 401


def test_a_trusted_issuers_token_acts_as_the_person(client: TestClient, issuer: Issuer) -> None:
    made = _trust(client, issuer)
    assert made.status_code == 201 and made.json()["audience"] == [AUDIENCE]
    answer = _call(client, issuer.token())
    assert answer.status_code == 200
    assert answer.json() == {"email": "ann@x.example", "tenant": "default", "token": "eyJ"}
    assert client.get("/_twin/trust").json()["trusted"][0]["issuer"] == ISSUER


@pytest.mark.parametrize(
    "claims",
    [{"aud": "someone-else"}, {"iss": "http://127.0.0.1:9/other"}, {"exp": int(time.time()) - 5}, {"exp": None}],
    ids=["audience", "issuer", "expired", "no-exp"],
)
def test_claims_that_do_not_fit_are_refused(client: TestClient, issuer: Issuer, claims: dict[str, Any]) -> None:
    _trust(client, issuer)
    token = issuer.token(**claims)
    if claims.get("exp", 0) is None:
        token = jwt.encode(
            {"iss": ISSUER, "aud": AUDIENCE, "email": "ann@x.example"}, issuer.key, "RS256", {"kid": "k1"}
        )
    assert _call(client, token).status_code == 401


def test_a_token_signed_with_another_key_is_refused(client: TestClient, issuer: Issuer) -> None:
    _trust(client, issuer)
    forged = Issuer(kid="k1").token()
    assert _call(client, forged).status_code == 401
    unsigned = jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "email": "ann@x.example", "exp": 2**40}, None, "none")
    assert _call(client, unsigned).status_code == 401


def test_expiry_is_read_on_the_twins_clock(client: TestClient, issuer: Issuer) -> None:
    _trust(client, issuer)
    token = issuer.token()
    assert _call(client, token).status_code == 200
    client.post("/_twin/clock", json={"advance": 601})
    assert _call(client, token).status_code == 401


def test_the_kit_names_or_refuses_the_person(client: TestClient, issuer: Issuer) -> None:
    _trust(client, issuer)
    assert _call(client, issuer.token(email="nobody@x.example")).status_code == 401
    refused = _call(client, issuer.token(email="bob@x.example"))
    assert refused.status_code == 401 and refused.json()["error"] == "account_inactive"


def test_forgetting_an_issuer_and_reset(client: TestClient, issuer: Issuer) -> None:
    _trust(client, issuer)
    token = issuer.token()
    assert client.delete("/_twin/trust", params={"issuer": ISSUER}).json()["status"] == "ok"
    assert _call(client, token).status_code == 401
    assert client.delete("/_twin/trust", params={"issuer": ISSUER}).status_code == 404
    _trust(client, issuer)
    client.post("/_twin/reset")
    assert client.get("/_twin/trust").json()["trusted"] == []
    assert _call(client, token).status_code == 401


def test_snapshots_keep_the_trust(client: TestClient, issuer: Issuer) -> None:
    taken = client.post("/_twin/snapshot").json()["id"]
    _trust(client, issuer)
    token = issuer.token()
    after = client.post("/_twin/snapshot").json()["id"]
    client.post("/_twin/restore", json={"id": taken})
    assert _call(client, token).status_code == 401
    client.post("/_twin/restore", json={"id": after})
    assert _call(client, token).status_code == 200


def test_each_tenant_trusts_for_itself(client: TestClient, issuer: Issuer) -> None:
    tenant = client.post("/_twin/tenants", json={"name": "other"}).json()["id"]
    _trust(client, issuer, tenant=tenant)
    answer = _call(client, issuer.token())
    assert answer.status_code == 200 and answer.json()["tenant"] == tenant
    assert client.get("/_twin/trust").json()["trusted"] == []
    assert len(client.get("/_twin/trust", params={"tenant": tenant}).json()["trusted"]) == 1


@pytest.mark.parametrize(
    "body",
    [
        {"audience": AUDIENCE, "jwks": {"keys": []}},
        {"issuer": ISSUER, "jwks": {"keys": []}},
        {"issuer": ISSUER, "audience": AUDIENCE},
        {"issuer": ISSUER, "audience": AUDIENCE, "jwks": {"nokeys": 1}},
        {"issuer": ISSUER, "audience": AUDIENCE, "jwks_uri": "https://idp.example.com/keys"},
    ],
    ids=["no-issuer", "no-audience", "no-keys", "not-a-jwks", "not-loopback"],
)
def test_a_trust_the_twin_cannot_take_is_a_400(client: TestClient, body: dict[str, Any]) -> None:
    answer = client.post("/_twin/trust", json=body)
    assert answer.status_code == 400 and answer.json()["error"] == "bad_request"
    assert client.get("/_twin/trust").json()["trusted"] == []


def test_the_control_plane_refuses_a_page_from_elsewhere(client: TestClient, issuer: Issuer) -> None:
    answer = client.post(
        "/_twin/trust",
        json={"issuer": ISSUER, "audience": AUDIENCE, "jwks": issuer.jwks()},
        headers={"Origin": "https://evil.example"},
    )
    assert answer.status_code == 403


class _Keys(BaseHTTPRequestHandler):
    served: dict[str, Any] = {}

    def do_GET(self) -> None:
        body = json.dumps(self.served).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def keys_server() -> Iterator[tuple[str, type[_Keys]]]:
    handler = type("Keys", (_Keys,), {"served": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/keys", handler
    server.shutdown()
    server.server_close()


def test_keys_from_a_jwks_uri_and_a_rotation(
    client: TestClient, issuer: Issuer, keys_server: tuple[str, type[_Keys]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from twingen.runtime.dispatch import trust

    uri, handler = keys_server
    handler.served = issuer.jwks()
    made = client.post("/_twin/trust", json={"issuer": ISSUER, "audience": [AUDIENCE], "jwks_uri": uri})
    assert made.status_code == 201 and made.json()["jwks"]["keys"][0]["kid"] == "k1"
    assert _call(client, issuer.token()).status_code == 200
    rotated = Issuer(kid="k2")
    handler.served = {"keys": rotated.jwks()["keys"] + issuer.jwks()["keys"]}
    monkeypatch.setattr(trust, "REFETCH_AFTER", 0.0)
    assert _call(client, rotated.token()).status_code == 200
    assert [k["kid"] for k in client.get("/_twin/trust").json()["trusted"][0]["jwks"]["keys"]] == ["k2", "k1"]
