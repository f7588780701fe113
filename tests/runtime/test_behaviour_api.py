"""The behaviour API's newer parts: routes without auth, hidden credentials, ``new_id`` options, resumable
upload sessions (headers kept, dropped when done, per tenant), and collections a restore lets go of."""

from __future__ import annotations

import gc
import string
import weakref
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest
from starlette.testclient import TestClient

from twingen.runtime import Context, Credential, Registry, Response, SeedContext, State, behaviour, create_app, seed

from . import specs

DRIVE_CHARS = string.ascii_letters + string.digits + "-_"


def _registry(*functions: Callable[..., Any]) -> Registry:
    module = ModuleType("behaviour_under_test")
    for fn in functions:
        setattr(module, fn.__name__, fn)
    return Registry.from_modules([module])


@pytest.fixture
def serve() -> Iterator[Callable[..., TestClient]]:
    clients: list[TestClient] = []

    def make(spec: dict[str, Any], registry: Registry, **options: Any) -> TestClient:
        client = TestClient(create_app(spec, registry, **options), raise_server_exceptions=False)
        clients.append(client.__enter__())
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


# -- a Slack-style upload URL that takes bytes without a token ------------------------------------------


@seed
def tenant_seed(ctx: SeedContext) -> None:
    suffix = "" if ctx.tenant == "default" else f"-{ctx.tenant}"
    ctx.credential(Credential("bot", "bearer", token=f"xoxb-bot{suffix}", principal={"user_id": "U0BOT"}))
    gone = {"user_id": "U0GONE"}
    ctx.credential(Credential("deactivated", "bearer", token=f"xoxp-gone{suffix}", principal=gone, listed=False))


@behaviour("files.getUploadURLExternal")
def upload_url(ctx: Context) -> dict[str, Any]:
    key = ctx.new_id("K")
    ctx.state.collection("uploads").put(key, {"key": key})
    return {"upload_url": ctx.for_tenant(f"{ctx.base_url}/upload/v1/{key}")}


@behaviour("files.uploadExternal.content", method="POST", path="/upload/v1/{upload_key}", auth=False)
def receive(ctx: Context) -> Response:
    if ctx.state.collection("uploads").get(str(ctx.params["upload_key"])) is None:
        return Response(404, "Not Found")
    return Response(200, f"OK - {len(ctx.raw_body)} for {ctx.tenant}")


@behaviour("auth.test")
def whoami(ctx: Context) -> dict[str, Any]:
    assert ctx.principal is not None
    return {"user_id": ctx.principal.principal["user_id"], "tenant": ctx.tenant}


def test_a_route_without_auth_reaches_the_tenant_that_made_its_url(serve: Callable[..., TestClient]) -> None:
    c = serve(specs.slack(), _registry(tenant_seed, upload_url, receive, whoami))
    url = c.post("/api/files.getUploadURLExternal", headers={"Authorization": "Bearer xoxb-bot"}).json()["upload_url"]
    assert "?" not in url  # the default tenant's URLs are as the vendor's
    assert c.post(url, content=b"abc").text == "OK - 3 for default"
    tenant = c.post("/_twin/tenants", json={"name": "w"}).json()
    token = next(t["token"] for t in tenant["credentials"] if t["name"] == "bot")
    mine = c.post("/api/files.getUploadURLExternal", headers={"Authorization": f"Bearer {token}"}).json()
    assert mine["upload_url"].endswith("?twin_tenant=t1")
    assert c.post(mine["upload_url"], content=b"abcd").text == "OK - 4 for t1"
    # the key is the tenant's own: the default tenant does not know it
    assert c.post(mine["upload_url"].split("?")[0], content=b"x").status_code == 404
    rows = {r["id"]: r for r in c.get("/_twin/coverage").json()["operations"]}
    assert rows["files.uploadExternal.content"]["source"] == "behaviour"
    # a method with auth keeps asking for a token
    assert c.post("/api/files.getUploadURLExternal").json() == {"ok": False, "error": "not_authed"}


def test_a_hidden_credential_works_but_is_not_listed(serve: Callable[..., TestClient]) -> None:
    c = serve(specs.slack(), _registry(tenant_seed, whoami))
    assert [x["name"] for x in c.get("/_twin/credentials").json()["credentials"]] == ["bot"]
    answer = c.post("/api/auth.test", headers={"Authorization": "Bearer xoxp-gone"}).json()
    assert answer == {"ok": True, "user_id": "U0GONE", "tenant": "default"}
    tenant = c.post("/_twin/tenants").json()
    assert [x["name"] for x in tenant["credentials"]] == ["bot"]
    assert [x["name"] for x in c.get("/_twin/credentials", params={"tenant": "t1"}).json()["credentials"]] == ["bot"]
    answer = c.post("/api/auth.test", headers={"Authorization": "Bearer xoxp-gone-t1"}).json()
    assert answer["tenant"] == "t1"


# -- ids ------------------------------------------------------------------------------------------------


@behaviour("boom")
def drive_id(ctx: Context) -> dict[str, Any]:
    return {"id": ctx.new_id("1", length=32, alphabet=DRIVE_CHARS), "short": ctx.new_id("C")}


def test_new_id_takes_length_and_alphabet_and_follows_the_seed(serve: Callable[..., TestClient]) -> None:
    answers = []
    for _ in range(2):
        c = serve(specs.slack(), _registry(tenant_seed, drive_id), seed=7)
        answers.append([c.post("/api/boom", headers={"Authorization": "Bearer xoxb-bot"}).json() for _ in range(3)])
    assert answers[0] == answers[1]
    first = answers[0][0]
    assert len(first["id"]) == 33 and first["id"][0] == "1" and set(first["id"][1:]) <= set(DRIVE_CHARS)
    assert (
        len(first["short"]) == 11 and first["short"][1:].isalnum() and first["short"][1:].upper() == first["short"][1:]
    )


# -- resumable uploads --------------------------------------------------------------------------------


@behaviour("drive.files.create")
def create(ctx: Context) -> Any:
    if ctx.upload == "resumable" and ctx.headers.get("content-range", "").startswith("bytes 0-"):
        return Response(308, b"", {"Range": "bytes=0-1"}, "text/plain")
    return {
        "name": (ctx.body or {}).get("name"),
        "type": ctx.headers.get("x-upload-content-type"),
        "length": ctx.headers.get("x-upload-content-length"),
        "media": ctx.raw_body.decode(),
    }


def test_resumable_session_keeps_upload_headers_and_ends_with_a_2xx(serve: Callable[..., TestClient]) -> None:
    c = serve(specs.google(), _registry(create))
    token = c.get("/_twin/credentials").json()["credentials"][0]["token"]
    auth = {"Authorization": f"Bearer {token}"}
    start = c.post(
        "/upload/drive/v3/files?uploadType=resumable",
        headers={**auth, "X-Upload-Content-Type": "text/csv", "X-Upload-Content-Length": "4"},
        json={"name": "a.csv"},
    )
    location = start.headers["location"]
    partial = c.put(location, headers={**auth, "Content-Range": "bytes 0-1/4"}, content=b"ab")
    assert partial.status_code == 308
    done = c.put(location, headers={**auth, "Content-Range": "bytes 2-3/4"}, content=b"cd")
    assert done.json() == {"name": "a.csv", "type": "text/csv", "length": "4", "media": "cd"}
    again = c.put(location, headers=auth, content=b"cd")
    assert again.status_code == 404
    assert again.json()["error"]["errors"][0]["reason"] == "notFound"
    never = c.put("/upload/drive/v3/files?uploadType=resumable&upload_id=nope", headers=auth, content=b"x")
    assert never.status_code == 404


def test_resumable_sessions_are_per_tenant(serve: Callable[..., TestClient]) -> None:
    c = serve(specs.google(), _registry(create))
    default = {"Authorization": f"Bearer {c.get('/_twin/credentials').json()['credentials'][0]['token']}"}
    tenant = c.post("/_twin/tenants").json()
    mine = {"Authorization": f"Bearer {tenant['credentials'][0]['token']}"}
    location = c.post("/upload/drive/v3/files?uploadType=resumable", headers=mine, json={"name": "t"}).headers[
        "location"
    ]
    assert c.put(location, headers=default, content=b"x").status_code == 404
    assert c.put(location, headers=mine, content=b"x").json()["media"] == "x"
    # a tenant reset ends its sessions
    location = c.post("/upload/drive/v3/files?uploadType=resumable", headers=mine, json={}).headers["location"]
    c.post("/_twin/reset", json={"tenant": "t1"})
    assert c.put(location, headers=mine, content=b"x").status_code == 404


# -- collections and restores -------------------------------------------------------------------------


def test_a_restore_lets_the_replaced_collection_go() -> None:
    state = State()
    state.collection("messages").put("1", {"ts": "1"})
    snapshot = state.snapshot()
    state.collection("messages").put("2", {"ts": "2"})
    before = weakref.ref(state.collection("messages"))  # a behaviour index keys on this object weakly
    state.restore(snapshot)
    gc.collect()
    assert before() is None
    assert [k for k, _ in state.collection("messages").scan()] == ["1"]
