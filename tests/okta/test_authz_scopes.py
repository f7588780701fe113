"""The runtime's authorization hook with the Okta profile, as the twingen runtime runs it today (the committed twin's
runtime copy gains it when regenerated): an OAuth token holds scopes, each operation names the scopes it needs, a
``.manage`` scope covers its ``.read``, and a token without one is Okta's 403 with an insufficient_scope challenge."""

from __future__ import annotations

import json
import types
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from twingen.runtime import Credential, Registry, SeedContext, create_app, seed

SPEC = Path(__file__).resolve().parents[2] / "generated" / "okta" / "twin_okta" / "spec.json"


@seed
def _tokens(ctx: SeedContext) -> None:
    ctx.credential(Credential(name="apikey", scheme="apikey", token="00ssws" + "a" * 36))
    ctx.credential(Credential(name="reader", scheme="bearer", token="users-read", scopes=("okta.users.read",)))
    ctx.credential(Credential(name="manager", scheme="bearer", token="groups-manage", scopes=("okta.groups.manage",)))


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    module = types.ModuleType("okta_scope_seed")
    module.tokens = _tokens  # type: ignore[attr-defined]
    app = create_app(json.loads(SPEC.read_text()), Registry.from_modules([module]))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def _as(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_token_reaches_what_its_scopes_cover(client: TestClient) -> None:
    assert client.get("/api/v1/users", headers=_as("users-read")).status_code == 200
    assert client.get("/api/v1/groups", headers=_as("groups-manage")).status_code == 200  # manage covers read


def test_a_token_without_the_scope_is_refused_with_a_challenge(client: TestClient) -> None:
    refused = client.get("/api/v1/groups", headers=_as("users-read"))
    assert refused.status_code == 403 and refused.json()["errorCode"] == "E0000006"
    challenge = refused.headers["www-authenticate"]
    assert 'error="insufficient_scope"' in challenge and 'scope="okta.groups.read"' in challenge
    assert 'resource="/api/v1/groups"' in challenge
    assert client.post("/api/v1/users", headers=_as("users-read"), json={}).status_code == 403


def test_an_api_token_has_no_scopes_to_check(client: TestClient) -> None:
    assert client.get("/api/v1/groups", headers={"Authorization": "SSWS 00ssws" + "a" * 36}).status_code == 200
