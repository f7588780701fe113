"""Generic vendor: stubs synthesised from schemas, coverage, behaviour over CRUD, internal errors."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

from .conftest import bearer


def test_stub_is_schema_shaped_with_cycles_and_formats(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("generic")
    node = c.get("/nodes/n1", headers=bearer(c)).json()
    assert node["id"] == "00000000-0000-4000-8000-000000000000"
    assert (node["when"], node["email"], node["count"], node["kind"]) == (
        "2024-01-01T00:00:00Z",
        "user@example.com",
        3,
        "leaf",
    )
    assert isinstance(node["ratio"], float)
    assert node["children"] == []  # a cycle: Node -> children -> Node stops, and stays valid
    assert "parent" not in node
    assert node["extra"] == {"label": "string", "weight": 0}
    assert c.get("/ping").json() == {"pong": False}
    text = c.get("/files/readme")
    assert (text.text, text.headers["content-type"]) == ("hello", "text/plain")


def test_coverage_reports_sources(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("generic")
    report = c.get("/_twin/coverage").json()
    sources = {row["id"]: row["source"] for row in report["operations"]}
    assert sources["getWidget"] == "behaviour"  # behaviour wins over the confident resource
    assert sources["listWidgets"] == sources["createWidget"] == "inferred"
    assert sources["getNode"] == sources["ping"] == "stub"
    assert report["counts"] == {"behaviour": 2, "inferred": 3, "stub": 3, "total": 8}
    row = next(r for r in report["operations"] if r["id"] == "getNode")
    assert row == {"id": "getNode", "method": "GET", "path": "/nodes/{nodeId}", "source": "stub"}


def test_behaviour_wins_over_crud(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("generic")
    created = c.post("/widgets", headers=bearer(c), json={"name": "w"})
    assert created.status_code == 201
    wid = created.json()["id"]
    assert c.get(f"/widgets/{wid}", headers=bearer(c)).json() == {"id": wid, "name": "from behaviour"}
    assert [w["name"] for w in c.get("/widgets", headers=bearer(c)).json()] == ["w"]


def test_generic_offset_paging_bare_list(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("generic")
    names = [f"w{i}" for i in range(5)]
    for name in names:
        c.post("/widgets", headers=bearer(c), json={"name": name})
    pages = [c.get("/widgets", headers=bearer(c), params={"offset": o, "limit": 2}).json() for o in (0, 2, 4)]
    assert [w["name"] for page in pages for w in page] == names


def test_generic_errors(client_for: Callable[[str], TestClient], caplog: pytest.LogCaptureFixture) -> None:
    c = client_for("generic")
    assert c.get("/nowhere").json() == {"error": "not_found", "message": "No route for GET /nowhere"}
    assert c.get("/widgets").status_code == 401
    missing = c.delete("/widgets/nope", headers=bearer(c))
    assert (missing.status_code, missing.json()["error"]) == (404, "not_found")
    with caplog.at_level(logging.ERROR, logger="twin"):
        crash = c.get("/crash", headers=bearer(c))
    assert (crash.status_code, crash.json()) == (500, {"error": "internal_error", "message": "Internal server error"})
    assert "secret internals" not in crash.text
    assert "secret internals" in caplog.text  # logged for the twin's operator, not sent to the client


def test_control_plane(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("generic")
    assert c.get("/_twin/health").json() == {"status": "ok"}
    creds = c.get("/_twin/credentials").json()["credentials"]
    assert creds == [{"name": "bearer", "scheme": "bearer", "token": creds[0]["token"]}]
    assert creds[0]["token"] == client_for("generic").get("/_twin/credentials").json()["credentials"][0]["token"]
    assert c.get("/_twin/nothing").status_code == 404


def test_default_seed_per_scheme(client_for: Callable[[str], TestClient]) -> None:
    jira = client_for("jira").get("/_twin/credentials").json()["credentials"]
    assert [(x["name"], x["scheme"]) for x in jira] == [("basic", "basic"), ("bearer", "bearer")]
    assert set(jira[0]) == {"name", "scheme", "username", "password"}
    okta = client_for("okta").get("/_twin/credentials").json()["credentials"]
    assert [x["scheme"] for x in okta] == ["apikey", "bearer"]
