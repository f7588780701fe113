"""Slack: /api/METHOD over GET and POST, form or JSON, tokens anywhere Slack takes them, 200 errors."""

from __future__ import annotations

from collections.abc import Callable

from starlette.testclient import TestClient

BOT = {"Authorization": "Bearer xoxb-test-bot"}


def test_auth_test_by_header_form_and_query(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("slack")
    assert c.post("/api/auth.test", headers=BOT).json() == {"ok": True, "user_id": "U0BOT", "credential": "bot"}
    assert c.post("/api/auth.test", data={"token": "xoxp-test-user"}).json()["user_id"] == "U0USER"
    assert c.get("/api/auth.test", params={"token": "xoxb-test-bot"}).json()["ok"] is True
    assert c.post("/api/auth.test", json={"x": 1}, headers=BOT).json()["ok"] is True


def test_json_body_token_is_ignored_for_behaviour_and_stubs(client_for: Callable[[str], TestClient]) -> None:
    """Slack reads no ``token`` from a JSON body, nor from the query beside one: JSON posts need a bearer."""
    c = client_for("slack")
    not_authed = {"ok": False, "error": "not_authed"}
    assert c.post("/api/auth.test", json={"token": "xoxb-test-bot"}).json() == not_authed
    assert c.post("/api/auth.test?token=xoxb-test-bot", json={}).json() == not_authed
    stub = {"token": "xoxb-test-bot", "channel": "C1", "text": "hi"}
    assert c.post("/api/chat.meMessage", json=stub).json() == not_authed
    assert c.post("/api/chat.meMessage", data=stub).json()["ok"] is True
    assert c.post("/api/chat.meMessage", json=stub, headers=BOT).json()["ok"] is True


def test_auth_errors_are_http_200(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("slack")
    missing = c.post("/api/auth.test")
    assert (missing.status_code, missing.json()) == (200, {"ok": False, "error": "not_authed"})
    wrong = c.post("/api/auth.test", headers={"Authorization": "Bearer xoxb-nope"})
    assert (wrong.status_code, wrong.json()) == (200, {"ok": False, "error": "invalid_auth"})
    assert c.get("/api/api.test").json() == {"ok": True}  # no auth needed


def test_unknown_method(client_for: Callable[[str], TestClient]) -> None:
    r = client_for("slack").post("/api/nope.nothing", headers=BOT)
    assert r.status_code == 404
    assert r.json() == {"ok": False, "error": "unknown_method", "req_method": "nope.nothing"}


def test_validation_uses_specific_codes(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("slack")
    assert c.post("/api/chat.meMessage", headers=BOT, data={"text": "hi"}).json() == {
        "ok": False,
        "error": "channel_not_found",
    }
    assert c.post("/api/chat.meMessage", headers=BOT, json={"channel": "C1"}).json()["error"] == "no_text"
    bad = c.get("/api/conversations.list", headers=BOT, params={"limit": "many"}).json()
    assert bad["error"] == "invalid_arguments"
    assert bad["response_metadata"]["messages"] == ["[ERROR] invalid value for limit: 'many'"]


def test_behaviour_with_state_and_vendor_error(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("slack")
    first = c.post("/api/chat.postMessage", headers=BOT, data={"channel": "C1", "text": "a"}).json()
    second = c.post("/api/chat.postMessage", headers=BOT, json={"channel": "C1", "text": "b"}).json()
    assert (first["ok"], first["count"], second["count"]) == (True, 1, 2)
    err = c.post("/api/chat.postMessage", headers=BOT, data={"channel": "nope", "text": "x"})
    assert (err.status_code, err.json()) == (200, {"ok": False, "error": "channel_not_found"})


def test_crud_round_trip(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("slack")
    created = c.post("/api/conversations.create", headers=BOT, data={"name": "dev"}).json()
    assert created["ok"] is True
    cid = created["channel"]["id"]
    assert cid.startswith("C") and created["channel"]["name"] == "dev"
    assert c.get("/api/conversations.info", headers=BOT, params={"channel": cid}).json()["channel"]["name"] == "dev"
    renamed = c.post("/api/conversations.rename", headers=BOT, data={"channel": cid, "name": "ops"}).json()
    assert renamed["channel"] == {**created["channel"], "name": "ops"}
    names = [ch["name"] for ch in c.get("/api/conversations.list", headers=BOT).json()["channels"]]
    assert names == ["general", "ops"]
    assert c.post("/api/conversations.archive", headers=BOT, data={"channel": cid}).json() == {"ok": True}
    gone = c.get("/api/conversations.info", headers=BOT, params={"channel": cid}).json()
    assert gone == {"ok": False, "error": "channel_not_found"}


def test_cursor_paging_visits_each_once(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("slack")
    for i in range(7):
        c.post("/api/conversations.create", headers=BOT, data={"name": f"c{i}"})
    seen, cursor, pages = [], "", 0
    while True:
        body = c.get("/api/conversations.list", headers=BOT, params={"limit": 3, "cursor": cursor}).json()
        seen += [ch["name"] for ch in body["channels"]]
        cursor = body["response_metadata"]["next_cursor"]
        pages += 1
        if not cursor:
            break
    assert seen == ["general"] + [f"c{i}" for i in range(7)]
    assert pages == 3
    bad = c.get("/api/conversations.list", headers=BOT, params={"cursor": "garbage!"}).json()
    assert bad["ok"] is False


def test_sdk_only_method_and_internal_error(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("slack")
    assert c.post("/api/users.sdkOnly", headers=BOT, data={"x": "1"}).json() == {"ok": True, "echo": "1"}
    assert c.post("/api/users.sdkOnly", data={"x": "1"}).json()["error"] == "not_authed"
    boom = c.post("/api/boom", headers=BOT)
    assert (boom.status_code, boom.json()) == (500, {"ok": False, "error": "internal_error"})
    assert "secret internals" not in boom.text and "Traceback" not in boom.text


def test_reset_restores_seed(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("slack")
    c.post("/api/conversations.create", headers=BOT, data={"name": "tmp"})
    assert len(c.get("/api/conversations.list", headers=BOT).json()["channels"]) == 2
    assert c.post("/_twin/reset").json() == {"status": "ok"}
    channels = c.get("/api/conversations.list", headers=BOT).json()["channels"]
    assert channels == [{"id": "C0GENERAL", "name": "general"}]
    creds = c.get("/_twin/credentials").json()["credentials"]
    assert creds == [
        {"name": "bot", "scheme": "bearer", "token": "xoxb-test-bot"},
        {"name": "user", "scheme": "bearer", "token": "xoxp-test-user"},
    ]


def test_multipart_form_fields_and_files(client_for: Callable[[str], TestClient]) -> None:
    c = client_for("slack")
    r = c.post("/api/users.sdkOnly", headers=BOT, data={"x": "7"}, files={"file": ("a.txt", b"data", "text/plain")})
    assert r.json() == {"ok": True, "echo": "7"}


def test_behaviour_checks_its_own_arguments(client_for: Callable[[str], TestClient]) -> None:
    """With behaviour, a Slack method words its argument errors itself (``invalid_ts_oldest``); the runtime's
    generic ``invalid_arguments`` is for stubs and inferred methods only, and no value is converted."""
    c = client_for("slack")
    bad = c.get("/api/conversations.history", headers=BOT, params={"channel": "C1", "oldest": "yesterday"})
    assert bad.json() == {"ok": False, "error": "invalid_ts_oldest"}
    good = c.get("/api/conversations.history", headers=BOT, params={"oldest": "1700000000.5"}).json()
    assert good == {"ok": True, "messages": [], "oldest": "1700000000.5"}
    assert c.post("/api/chat.postMessage", headers=BOT, data={"text": "hi"}).json()["error"] == "channel_not_found"
