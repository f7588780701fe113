"""Credentials behaviour grants at run time (``Context.grant``/``revoke``): they authenticate from the next
request on, in the granting request's tenant, unlisted, kept by snapshots and ``--state``, dropped by reset."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from starlette.testclient import TestClient

from twingen.runtime import Context, Credential, Registry, SeedContext, TwinApp, behaviour, create_app, seed
from twingen.runtime.dispatch.auth import Authenticator
from twingen.runtime.state.persistence import SqliteStore
from twingen.runtime.state.tenants import CredentialTaken
from twingen.runtime.vendors import profile_for

from . import specs


@seed
def seed_one_bot(ctx: SeedContext) -> None:
    suffix = "" if ctx.tenant == "default" else f"-{ctx.tenant}"
    ctx.credential(Credential("bot", "bearer", token=f"xoxb-seed{suffix}", principal={"user_id": "U0BOT"}))


@behaviour("twin.mint")
def mint(ctx: Context) -> dict[str, Any]:
    """Grant the token named in ``token`` (or one made from the tenant and a fresh id) to the caller's tenant."""
    token = str(ctx.params.get("new") or f"xoxe.xoxb-{ctx.tenant}-{ctx.new_id(length=12)}")
    ctx.grant(Credential("minted", "bearer", token=token, principal={"user_id": "U0MINT"}, scopes=("chat:write",)))
    ctx.state.collection("minted").put(token, {"token": token})
    return {"token": token}


@behaviour("twin.revoke")
def revoke(ctx: Context) -> dict[str, Any]:
    return {"revoked": ctx.revoke(str(ctx.params.get("which") or ""))}


@behaviour("twin.whoami")
def whoami(ctx: Context) -> dict[str, Any]:
    assert ctx.principal is not None
    granted = ctx.granted(ctx.principal.token)
    return {"name": ctx.principal.name, "tenant": ctx.tenant, "granted": granted is not None}


def _app() -> TwinApp:
    module = ModuleType("granting_behaviour")
    for fn in (seed_one_bot, mint, revoke, whoami):
        setattr(module, fn.__name__, fn)
    return create_app(specs.slack(), Registry.from_modules([module]))


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(_app(), raise_server_exceptions=False) as made:
        yield made


def _call(c: TestClient, method: str, token: str, **form: str) -> dict[str, Any]:
    answer = c.post(f"/api/{method}", headers={"Authorization": f"Bearer {token}"}, data=form)
    assert answer.status_code == 200, answer.text
    return answer.json()  # type: ignore[no-any-return]


def _minted(c: TestClient, token: str = "xoxb-seed", **form: str) -> str:
    return str(_call(c, "twin.mint", token, **form)["token"])


def test_a_granted_token_authenticates_from_the_next_request_and_is_not_listed(client: TestClient) -> None:
    assert _call(client, "twin.whoami", "xoxe.nothing-yet") == {"ok": False, "error": "invalid_auth"}
    token = _minted(client)
    assert _call(client, "twin.whoami", token) == {"ok": True, "name": "minted", "tenant": "default", "granted": True}
    assert _call(client, "twin.whoami", "xoxb-seed")["granted"] is False
    listed = client.get("/_twin/credentials").json()["credentials"]
    assert [c["name"] for c in listed] == ["bot"]
    assert [c["name"] for c in client.get("/_twin/tenants/default").json()["credentials"]] == ["bot"]


def test_revoke_stops_a_granted_token_but_not_a_seeded_one(client: TestClient) -> None:
    token = _minted(client)
    assert _call(client, "twin.revoke", "xoxb-seed", which=token)["revoked"] is True
    assert _call(client, "twin.whoami", token)["error"] == "invalid_auth"
    assert _call(client, "twin.revoke", "xoxb-seed", which=token)["revoked"] is False
    assert _call(client, "twin.revoke", "xoxb-seed", which="xoxb-seed")["revoked"] is False
    assert _call(client, "twin.whoami", "xoxb-seed")["ok"] is True


def test_a_granted_token_belongs_to_the_granting_tenant(client: TestClient) -> None:
    tenant = client.post("/_twin/tenants", json={"name": "w1"}).json()
    theirs = tenant["credentials"][0]["token"]
    mine = _minted(client, theirs)
    assert _call(client, "twin.whoami", mine)["tenant"] == tenant["id"]
    # the same secret cannot go to another tenant, nor shadow a seeded credential
    for taken in (mine, theirs):
        answer = client.post("/api/twin.mint", headers={"Authorization": "Bearer xoxb-seed"}, data={"new": taken})
        assert (answer.status_code, answer.json()["error"]) == (500, "internal_error")  # CredentialTaken
    assert _call(client, "twin.whoami", mine)["tenant"] == tenant["id"]
    # granting it again in the same tenant replaces it
    assert _call(client, "twin.mint", theirs, new=mine)["ok"] is True


def test_snapshot_restore_and_reset(client: TestClient) -> None:
    kept = _minted(client)
    snap = client.post("/_twin/snapshot", json={}).json()["id"]
    later = _minted(client)
    _call(client, "twin.revoke", "xoxb-seed", which=kept)
    assert client.post("/_twin/restore", json={"id": snap}).status_code == 200
    assert _call(client, "twin.whoami", kept)["ok"] is True
    assert _call(client, "twin.whoami", later)["error"] == "invalid_auth"
    # a reset is the seed again: no granted credentials; a restore after it brings the snapshot's back
    client.post("/_twin/reset", json={})
    assert _call(client, "twin.whoami", kept)["error"] == "invalid_auth"
    client.post("/_twin/restore", json={"id": snap})
    assert _call(client, "twin.whoami", kept)["ok"] is True


def test_a_tenant_reset_or_removal_drops_its_grants_and_a_restore_brings_them_back(client: TestClient) -> None:
    tenant = client.post("/_twin/tenants", json={"name": "w1"}).json()
    mine = _minted(client, tenant["credentials"][0]["token"])
    snap = client.post("/_twin/snapshot", json={"tenant": "w1"}).json()["id"]
    ours = _minted(client)
    client.post("/_twin/reset", json={"tenant": "w1"})
    assert _call(client, "twin.whoami", mine)["error"] == "invalid_auth"
    assert _call(client, "twin.whoami", ours)["ok"] is True  # another tenant's grants are untouched
    client.post("/_twin/reset", json={})  # removes tenant w1
    client.post("/_twin/restore", json={"id": snap})
    assert _call(client, "twin.whoami", mine)["tenant"] == tenant["id"]


def test_grants_persist_with_state(tmp_path: Path) -> None:
    def open_client() -> TestClient:
        app = _app()
        app.twin.tenants.attach(SqliteStore(tmp_path / "state.db"))
        return TestClient(app, raise_server_exceptions=False)

    with open_client() as first:
        tenant = first.post("/_twin/tenants", json={"name": "w1"}).json()
        theirs = _minted(first, tenant["credentials"][0]["token"])
        kept, gone = _minted(first), _minted(first)
        _call(first, "twin.revoke", "xoxb-seed", which=gone)
        reset = _minted(first, tenant["credentials"][0]["token"])
        first.app.twin.tenants.store.close()  # type: ignore[attr-defined]
    with open_client() as second:
        assert _call(second, "twin.whoami", kept)["tenant"] == "default"
        assert _call(second, "twin.whoami", theirs)["tenant"] == tenant["id"]
        assert _call(second, "twin.whoami", gone)["error"] == "invalid_auth"
        second.post("/_twin/reset", json={"tenant": "w1"})
        second.app.twin.tenants.store.close()  # type: ignore[attr-defined]
    with open_client() as third:
        assert _call(third, "twin.whoami", reset)["error"] == "invalid_auth"
        assert _call(third, "twin.whoami", theirs)["error"] == "invalid_auth"
        assert _call(third, "twin.whoami", kept)["ok"] is True
        third.app.twin.tenants.store.close()  # type: ignore[attr-defined]


def test_tenants_refuse_a_taken_secret_directly() -> None:
    twin = _app().twin
    other, _ = twin.tenants.create("w1")
    token = Credential("minted", "bearer", token="xoxe.shared")
    twin.tenants.grant("default", token)
    with pytest.raises(CredentialTaken):
        twin.tenants.grant(other.id, Credential("minted", "bearer", token="xoxe.shared"))
    assert twin.tenants.of(twin.auth.lookup(("bearer", "xoxe.shared"))) is twin.tenants.default
    assert twin.tenants.revoke("default", token) and twin.auth.lookup(("bearer", "xoxe.shared")) is None


def test_authenticator_add_and_discard() -> None:
    auth = Authenticator([], profile_for("generic"))
    auth.load([Credential("a", "bearer", token="t1")])
    auth.add(Credential("b", "basic", username="u", password="p"))
    auth.add(Credential("c", "bearer", token="t2"))
    assert {c.name for c in auth.credentials} == {"a", "b", "c"}
    assert auth.lookup(("basic", ("u", "p"))) is not None
    auth.discard(Credential("", "basic", username="u", password="p"))
    auth.discard(Credential("", "bearer", token="t1"))
    assert [c.name for c in auth.credentials] == ["c"]


def test_a_context_without_grants_says_so() -> None:
    from twingen.runtime.clock import Clock, IdFactory
    from twingen.runtime.state.records import State

    ctx = Context(
        op={}, params={}, body=None, raw_body=b"", headers={}, content_type="", principal=None, state=State(),
        clock=Clock(), ids=IdFactory(), base_url="",
    )  # fmt: skip
    with pytest.raises(RuntimeError, match="grants="):
        ctx.grant(Credential("x", "bearer", token="x"))
