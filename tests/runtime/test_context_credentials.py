"""``Context.credentials()`` and ``Context.identity``: behaviour reads who holds a token from the runtime's own
credentials (the seed's, then the granted ones) instead of keeping a copy of each in its state."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
from starlette.testclient import TestClient

from twingen.runtime import Context, Credential, Registry, SeedContext, behaviour, create_app, seed

from . import specs


@seed
def two_seeded(ctx: SeedContext) -> None:
    suffix = "" if ctx.tenant == "default" else f"-{ctx.tenant}"
    ctx.credential(Credential("bot", "bearer", token=f"xoxb-a{suffix}", principal={"user_id": "U0BOT"}))
    ctx.credential(Credential("gone", "bearer", token=f"xoxp-b{suffix}", principal={"user_id": "U0OLD"}, listed=False))


@behaviour("twin.mint")
def mint(ctx: Context) -> dict[str, Any]:
    token = f"xoxe.xoxb-{ctx.tenant}-{ctx.new_id(length=8)}"
    ctx.grant(Credential("minted", "bearer", token=token, principal={"user_id": "U0NEW", "kind": "bot"}))
    return {"token": token}


@behaviour("twin.holders")
def holders(ctx: Context) -> dict[str, Any]:
    return {"me": dict(ctx.identity), "holders": [c.principal["user_id"] for c in ctx.credentials()]}


@pytest.fixture
def client() -> Iterator[TestClient]:
    module = ModuleType("holders_behaviour")
    for fn in (two_seeded, mint, holders):
        setattr(module, fn.__name__, fn)
    with TestClient(create_app(specs.slack(), Registry.from_modules([module])), raise_server_exceptions=False) as made:
        yield made


def _call(c: TestClient, method: str, token: str) -> dict[str, Any]:
    answer = c.post(f"/api/{method}", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def test_credentials_are_the_tenants_seeded_then_granted_ones(client: TestClient) -> None:
    assert _call(client, "twin.holders", "xoxb-a")["holders"] == ["U0BOT", "U0OLD"]
    minted = _call(client, "twin.mint", "xoxb-a")["token"]
    found = _call(client, "twin.holders", minted)
    assert found == {"ok": True, "me": {"user_id": "U0NEW", "kind": "bot"}, "holders": ["U0BOT", "U0OLD", "U0NEW"]}
    theirs = client.post("/_twin/tenants", json={"name": "w1"}).json()["credentials"][0]["token"]
    assert _call(client, "twin.holders", theirs)["holders"] == ["U0BOT", "U0OLD"]  # another tenant's are its own
