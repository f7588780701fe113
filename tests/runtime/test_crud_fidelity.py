"""Inferred CRUD keeps to what is certain: what the client sent, the assigned id, constants and
create/modify timestamps; never schema placeholders (``"md5Checksum": "string"``)."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from twingen.runtime import create_app

from .specs import api, op, param, resource, response, scheme

TS = {"type": "string", "format": "date-time"}
RO_TS = {**TS, "readOnly": True}


def _drive() -> dict[str, Any]:
    file = {
        "type": "object",
        "properties": {
            "kind": {"type": "string", "default": "drive#file", "description": "Output only."},
            "id": {"type": "string"},
            "name": {"type": "string"},
            "mimeType": {"type": "string"},
            "md5Checksum": {"type": "string", "description": "Output only."},
            "driveId": {"type": "string"},
            "size": {"type": "string", "format": "int64"},
            "starred": {"type": "boolean"},
            "createdTime": TS,
            "modifiedTime": TS,
            "viewedByMeTime": TS,
            "owners": {"type": "array", "items": {"type": "object", "properties": {"kind": {"type": "string"}}}},
        },
    }
    ref = {"$ref": "#/components/schemas/File"}
    fid = param("fileId", "path", True)
    ops = [
        op("files.create", "POST", "/files", auth=("o",), body=True, responses=(response(schema=ref),)),
        op("files.get", "GET", "/files/{fileId}", auth=("o",), params=(fid,), responses=(response(schema=ref),)),
        op(
            "files.update",
            "PATCH",
            "/files/{fileId}",
            auth=("o",),
            params=(fid,),
            body=True,
            responses=(response(schema=ref),),
        ),
    ]
    roles = {"files.create": "create", "files.get": "read", "files.update": "update"}
    return api(
        "drive",
        "google",
        ops,
        auth=[scheme("o", "oauth2")],
        schemas={"File": file},
        resources=[resource("files", "fileId", roles, schema="File")],
    )


def _okta() -> dict[str, Any]:
    user = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "readOnly": True},
            "status": {"type": "string", "enum": ["ACTIVE", "STAGED"], "example": "ACTIVE", "readOnly": True},
            "created": RO_TS,
            "lastUpdated": RO_TS,
            "activated": {**RO_TS, "nullable": True},
            "lastLogin": {**RO_TS, "nullable": True},
            "type": {"type": "object", "properties": {"id": {"type": "string"}}},
            "objectClass": {"type": "string", "const": "okta:user", "readOnly": True},
            "profile": {"type": "object", "properties": {"login": {"type": "string"}}},
            "_links": {"type": "object", "readOnly": True, "properties": {"self": {"type": "object"}}},
        },
    }
    ref = {"$ref": "#/components/schemas/User"}
    uid = param("id", "path", True)
    ops = [
        op("createUser", "POST", "/users", auth=("k",), body=True, responses=(response(schema=ref),)),
        op("getUser", "GET", "/users/{id}", auth=("k",), params=(uid,), responses=(response(schema=ref),)),
        op(
            "replaceUser",
            "PUT",
            "/users/{id}",
            auth=("k",),
            params=(uid,),
            body=True,
            responses=(response(schema=ref),),
        ),
    ]
    roles = {"createUser": "create", "getUser": "read", "replaceUser": "replace"}
    return api(
        "okta",
        "okta",
        ops,
        auth=[scheme("k", "apikey", "SSWS")],
        schemas={"User": user},
        resources=[resource("users", "id", roles, schema="User")],
    )


def _client(spec: dict[str, Any]) -> tuple[TestClient, dict[str, str]]:
    client = TestClient(create_app(spec, seed=3))
    token = client.get("/_twin/credentials").json()["credentials"][0]
    prefix = "SSWS" if token["scheme"] == "apikey" else "Bearer"
    return client, {"Authorization": f"{prefix} {token['token']}"}


def test_drive_like_create_and_update() -> None:
    c, auth = _client(_drive())
    created = c.post("/files", headers=auth, json={"name": "a.txt", "starred": True}).json()
    stamp = "2024-01-01T00:00:01.000Z"  # the seeded clock: one step per vendor request
    assert created == {
        "kind": "drive#file",
        "createdTime": stamp,
        "modifiedTime": stamp,
        "name": "a.txt",
        "starred": True,
        "id": created["id"],
    }
    assert c.get(f"/files/{created['id']}", headers=auth).json() == created
    c.post("/_twin/clock", json={"advance": 60})
    updated = c.patch(f"/files/{created['id']}", headers=auth, json={"name": "b.txt"}).json()
    assert updated == {**created, "name": "b.txt", "modifiedTime": "2024-01-01T00:01:03.000Z"}
    # what the client sends wins, even for a field the server would set
    chosen = c.post("/files", headers=auth, json={"modifiedTime": "2020-02-02T00:00:00Z"}).json()
    assert chosen["modifiedTime"] == "2020-02-02T00:00:00Z"
    c.close()


def test_okta_like_create_and_replace() -> None:
    c, auth = _client(_okta())
    created = c.post("/users", headers=auth, json={"profile": {"login": "a@example.com"}}).json()
    stamp = "2024-01-01T00:00:01.000Z"
    assert created == {
        "created": stamp,
        "lastUpdated": stamp,
        "objectClass": "okta:user",
        "profile": {"login": "a@example.com"},
        "id": created["id"],
    }
    assert "status" not in created and "_links" not in created and "activated" not in created
    replaced = c.put(f"/users/{created['id']}", headers=auth, json={"profile": {"login": "b@example.com"}}).json()
    assert replaced == {
        **created,
        "profile": {"login": "b@example.com"},
        "lastUpdated": "2024-01-01T00:00:02.000Z",
    }
    c.close()


def test_a_scalar_member_named_like_the_id_param_is_no_envelope() -> None:
    # Okta's users resource names no schema of its own; the User answer's scalar ``id`` (the id parameter's
    # name) must not be taken for a member wrapping the record (the record came back nested under "id")
    spec = _okta()
    spec["resources"][0]["schema"] = ""
    c, auth = _client(spec)
    created = c.post("/users", headers=auth, json={"profile": {"login": "a@example.com"}}).json()
    assert isinstance(created["id"], str) and created["profile"] == {"login": "a@example.com"}
    assert c.get(f"/users/{created['id']}", headers=auth).json()["profile"] == {"login": "a@example.com"}
    c.close()
