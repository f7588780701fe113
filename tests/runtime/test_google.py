"""Google: colon verbs, A1 ranges, {+name}, the error envelope, page tokens, media upload."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from starlette.testclient import TestClient

from .conftest import bearer


@pytest.fixture
def google(client_for: Callable[[str], TestClient]) -> tuple[TestClient, dict[str, str]]:
    c = client_for("google")
    return c, bearer(c)


def test_routes_reach_behaviour(google: tuple[TestClient, dict[str, str]]) -> None:
    c, auth = google
    r = c.post("/v4/spreadsheets/S1:batchUpdate", headers=auth, json={"requests": []}).json()
    assert (r["op"], r["params"], r["body"]) == (
        "sheets.spreadsheets.batchUpdate",
        {"spreadsheetId": "S1"},
        {"requests": []},
    )
    r = c.get("/v4/spreadsheets/S1/values/Sheet1%21A1%3AB2", headers=auth).json()
    assert r["params"]["range"] == "Sheet1!A1:B2"
    r = c.post("/v4/spreadsheets/S1/values/Sheet1!A1:B2:append?valueInputOption=RAW", headers=auth).json()
    assert (r["op"], r["params"]["range"]) == ("sheets.spreadsheets.values.append", "Sheet1!A1:B2")
    assert c.get("/v4/spreadsheets/S1/values:batchGet", headers=auth).json()["op"].endswith("batchGet")
    assert c.get("/v1/operations/a/b", headers=auth).json()["params"] == {"name": "operations/a/b"}
    assert c.post("/v1/operations/a:cancel", headers=auth).json()["params"] == {"name": "operations/a"}


def test_auth_errors(google: tuple[TestClient, dict[str, str]]) -> None:
    c, _ = google
    missing = c.get("/drive/v3/files")
    assert missing.status_code == 401
    assert missing.json()["error"]["status"] == "UNAUTHENTICATED"
    assert missing.json()["error"]["errors"][0]["reason"] == "required"
    wrong = c.get("/drive/v3/files", headers={"Authorization": "Bearer ya29.wrong"})
    error = wrong.json()["error"]
    assert wrong.status_code == 401
    assert error["message"].startswith("Request had invalid authentication credentials. Expected OAuth 2 access token")
    assert error["errors"][0] == {
        "message": "Invalid Credentials",
        "domain": "global",
        "reason": "authError",
        "location": "Authorization",
        "locationType": "header",
    }
    assert error["status"] == "UNAUTHENTICATED" and error["code"] == 401


def test_validation_errors(google: tuple[TestClient, dict[str, str]]) -> None:
    c, auth = google
    r = c.post("/v4/spreadsheets/S1/values/A1:append", headers=auth)
    assert r.status_code == 400
    assert r.json()["error"]["errors"][0] == {
        "message": "Required parameter: valueInputOption",
        "domain": "global",
        "reason": "required",
        "locationType": "parameter",
        "location": "valueInputOption",
    }
    assert r.json()["error"]["status"] == "INVALID_ARGUMENT"
    r = c.get("/drive/v3/files?pageSize=lots", headers=auth)
    assert (r.status_code, r.json()["error"]["errors"][0]["reason"]) == (400, "invalid")
    assert r.json()["error"]["errors"][0]["location"] == "pageSize"
    bad_json = c.post("/drive/v3/files", headers={**auth, "content-type": "application/json"}, content=b"{nope")
    assert (bad_json.status_code, bad_json.json()["error"]["errors"][0]["reason"]) == (400, "parseError")


def test_unknown_path_is_404(google: tuple[TestClient, dict[str, str]]) -> None:
    c, auth = google
    r = c.get("/drive/v9/nothing", headers=auth)
    assert r.status_code == 404 and r.json()["error"]["status"] == "NOT_FOUND"


def test_files_crud_and_not_found(google: tuple[TestClient, dict[str, str]]) -> None:
    c, auth = google
    created = c.post("/drive/v3/files", headers=auth, json={"name": "a.txt"}).json()
    assert created["kind"] == "drive#file" and created["name"] == "a.txt" and len(created["id"]) == 33
    fid = created["id"]
    assert c.get(f"/drive/v3/files/{fid}", headers=auth).json() == created
    updated = c.patch(f"/drive/v3/files/{fid}", headers=auth, json={"name": "b.txt"}).json()
    assert updated == {**created, "name": "b.txt"}
    deleted = c.delete(f"/drive/v3/files/{fid}", headers=auth)
    assert (deleted.status_code, deleted.content) == (204, b"")
    missing = c.get(f"/drive/v3/files/{fid}", headers=auth)
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == f"File not found: {fid}."
    assert missing.json()["error"]["errors"][0]["location"] == "fileId"


def test_page_tokens(google: tuple[TestClient, dict[str, str]]) -> None:
    c, auth = google
    ids = [c.post("/drive/v3/files", headers=auth, json={"name": f"f{i}"}).json()["id"] for i in range(5)]
    seen, token = [], None
    while True:
        params = {"pageSize": 2, **({"pageToken": token} if token else {})}
        page = c.get("/drive/v3/files", headers=auth, params=params).json()
        seen += [f["id"] for f in page["files"]]
        token = page.get("nextPageToken")
        if not token:
            break
    assert seen == ids


def test_media_upload_simple_multipart_and_resumable(google: tuple[TestClient, dict[str, str]]) -> None:
    c, auth = google
    simple = c.post(
        "/upload/drive/v3/files?uploadType=media", headers={**auth, "content-type": "text/plain"}, content=b"hello"
    )
    assert simple.status_code == 200 and "id" in simple.json()
    boundary = "XyZ"
    body = (
        f'--{boundary}\r\ncontent-type: application/json\r\n\r\n{{"name": "m.txt"}}\r\n'
        f"--{boundary}\r\ncontent-type: text/plain\r\n\r\nmedia bytes\r\n--{boundary}--"
    ).encode()
    multi = c.post(
        "/upload/drive/v3/files?uploadType=multipart",
        content=body,
        headers={**auth, "content-type": f"multipart/related; boundary={boundary}"},
    )
    assert multi.json()["name"] == "m.txt"
    start = c.post("/upload/drive/v3/files?uploadType=resumable", headers=auth, json={"name": "r.txt"})
    assert start.status_code == 200
    location = start.headers["location"]
    done = c.put(location, headers={**auth, "content-type": "application/octet-stream"}, content=b"abc")
    assert done.json()["name"] == "r.txt"
