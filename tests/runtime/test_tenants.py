"""Tenants and snapshots over the control plane: isolation by credential, per-tenant reset and restore."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

pytestmark = pytest.mark.network_loopback

Client = TestClient | httpx.Client


def _auth(credentials: list[dict[str, str]]) -> dict[str, str]:
    token = next(c["token"] for c in credentials if c["scheme"] == "bearer")
    return {"Authorization": f"Bearer {token}"}


def _default_auth(c: Client) -> dict[str, str]:
    return _auth(c.get("/_twin/credentials").json()["credentials"])


def _names(c: Client, auth: dict[str, str]) -> list[Any]:
    r = c.get("/widgets", headers=auth)
    assert r.status_code == 200, r.text
    return [w["name"] for w in r.json()]


def test_tenants_are_isolated_by_their_credentials(live: Callable[[str], httpx.Client]) -> None:
    c = live("generic")
    default = _default_auth(c)
    made = c.post("/_twin/tenants", json={"name": "worker-1"})
    assert made.status_code == 201
    body = made.json()
    assert (body["id"], body["name"], body["created"]) == ("t1", "worker-1", True)
    mine = _auth(body["credentials"])
    assert mine != default
    assert c.post("/widgets", headers=default, json={"name": "shared-twin"}).status_code == 201
    assert c.post("/widgets", headers=mine, json={"name": "mine"}).status_code == 201
    assert _names(c, default) == ["shared-twin"]
    assert _names(c, mine) == ["mine"]
    other = _auth(c.post("/_twin/tenants").json()["credentials"])
    assert _names(c, other) == []
    # listing, lookup by id or name, and the credentials route per tenant
    listed = c.get("/_twin/tenants").json()["tenants"]
    assert [t["id"] for t in listed] == ["default", "t1", "t2"]
    assert c.get("/_twin/tenants/worker-1").json()["credentials"] == body["credentials"]
    assert c.get("/_twin/credentials", params={"tenant": "t1"}).json()["credentials"] == body["credentials"]
    assert c.get("/_twin/credentials", params={"tenant": "nope"}).status_code == 404
    # the same name again gives the same tenant back (a restarted worker finds its own)
    again = c.post("/_twin/tenants", json={"name": "worker-1"})
    assert again.status_code == 200 and again.json()["id"] == "t1" and again.json()["created"] is False
    assert c.post("/_twin/tenants", json={"name": 3}).status_code == 400


def test_reset_one_tenant_or_the_whole_twin(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("generic")
    default = _default_auth(c)
    tenant = c.post("/_twin/tenants", json={"name": "w"}).json()
    mine = _auth(tenant["credentials"])
    c.post("/widgets", headers=default, json={"name": "d"})
    c.post("/widgets", headers=mine, json={"name": "m"})
    assert c.post("/_twin/reset", json={"tenant": "w"}).json() == {"status": "ok", "tenant": "t1"}
    assert _names(c, mine) == [] and _names(c, default) == ["d"]
    assert c.get("/_twin/credentials", params={"tenant": "t1"}).json()["credentials"] == tenant["credentials"]
    c.post("/widgets", headers=mine, json={"name": "m2"})
    assert c.post("/_twin/reset").status_code == 200
    assert _names(c, default) == []
    assert c.get("/widgets", headers=mine).status_code == 401  # its tenant is gone
    assert [t["id"] for t in c.get("/_twin/tenants").json()["tenants"]] == ["default"]
    # the default tenant's credentials never change
    assert _default_auth(c) == default


def test_a_seed_that_ignores_the_tenant_is_refused(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("slack")  # the test seed hands out fixed tokens whatever the tenant
    r = c.post("/_twin/tenants", json={"name": "w"})
    assert r.status_code == 409
    assert "ctx.tenant" in r.json()["message"]
    assert [t["id"] for t in c.get("/_twin/tenants").json()["tenants"]] == ["default"]


def test_snapshot_restore_over_http(live: Callable[[str], httpx.Client]) -> None:
    c = live("generic")
    auth = _default_auth(c)
    c.post("/widgets", headers=auth, json={"name": "before"})
    snap = c.post("/_twin/snapshot").json()
    assert snap == {"id": "snap-1", "tenant": "default"}
    c.post("/widgets", headers=auth, json={"name": "after"})
    assert _names(c, auth) == ["before", "after"]
    assert c.post("/_twin/restore", json={"id": snap["id"]}).json() == {
        "status": "ok",
        "id": "snap-1",
        "tenant": "default",
    }
    assert _names(c, auth) == ["before"]
    c.post("/widgets", headers=auth, json={"name": "again"})
    c.post("/_twin/restore", json={"id": snap["id"]})  # a snapshot restores any number of times
    assert _names(c, auth) == ["before"]
    listed = c.get("/_twin/snapshots").json()["snapshots"]
    assert [(s["id"], s["tenant"], s["records"] >= 1) for s in listed] == [("snap-1", "default", True)]
    assert c.post("/_twin/restore", json={"id": "snap-9"}).status_code == 404
    assert c.post("/_twin/restore", content=b"{not json").status_code == 400
    assert c.delete("/_twin/snapshots/snap-1").json() == {"status": "ok"}
    assert c.post("/_twin/restore", json={"id": "snap-1"}).status_code == 404


def test_snapshots_are_per_tenant_and_bring_back_a_removed_tenant(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("generic")
    default = _default_auth(c)
    tenant = c.post("/_twin/tenants", json={"name": "w"}).json()
    mine = _auth(tenant["credentials"])
    c.post("/widgets", headers=mine, json={"name": "kept"})
    snap = c.post("/_twin/snapshot", params={"tenant": "w"}).json()
    assert snap["tenant"] == "t1"
    c.post("/widgets", headers=default, json={"name": "default's"})
    c.post("/widgets", headers=mine, json={"name": "dropped"})
    c.post("/_twin/restore", json={"id": snap["id"]})
    assert _names(c, mine) == ["kept"] and _names(c, default) == ["default's"]
    c.post("/_twin/reset")
    assert c.get("/widgets", headers=mine).status_code == 401
    assert c.post("/_twin/restore", json={"id": snap["id"]}).json()["tenant"] == "t1"
    assert _names(c, mine) == ["kept"]
    assert c.post("/_twin/snapshot", json={"tenant": "nope"}).status_code == 404
