"""Bad input never poisons the Google twin (issue #18 item 6): Drive's 400 before anything changes, never a 500.

Each used to answer 500: ``parents: [{}]`` and ``permissions.update`` with ``role: {}`` (a dict where Drive
takes a string), ``properties`` nested a few hundred levels (stored, then unanswerable) or holding an object,
and ``q`` or ``fields`` nested a few thousand levels (the parsers recursed off the end of the stack). A write
the ``--state`` file refuses is Google's transient 503 ``backendError``, and undone.
"""

from __future__ import annotations

import importlib
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from drive_helpers import error_of
from googleapiclient.errors import HttpError
from starlette.testclient import TestClient

pytestmark = pytest.mark.network_loopback


def _names(drive: Any) -> list[str]:
    return sorted(f["name"] for f in drive.files().list(fields="files(name)").execute()["files"])


def _refused(call: Any) -> dict[str, Any]:
    with pytest.raises(HttpError) as refused:
        call.execute()
    assert refused.value.resp.status == 400
    error = error_of(refused.value)
    assert error["status"] == "INVALID_ARGUMENT"
    return error


def test_a_parent_that_is_not_an_id_is_an_invalid_value(drive: Any) -> None:
    before = _names(drive)
    error = _refused(drive.files().create(body={"name": "orphan", "parents": [{}]}))
    assert error["errors"][0]["reason"] == "invalid"
    assert error["message"] == "Invalid value at 'file.parents[0]' (TYPE_STRING), {}"
    assert _names(drive) == before


def test_a_role_that_is_not_a_string_is_an_invalid_value(drive: Any) -> None:
    made = drive.files().create(body={"name": "shared"}).execute()
    share = {"type": "user", "role": "reader", "emailAddress": "someone@example.com"}
    perm = drive.permissions().create(fileId=made["id"], body=share).execute()
    error = _refused(drive.permissions().update(fileId=made["id"], permissionId=perm["id"], body={"role": {}}))
    assert error["errors"][0]["reason"] == "invalid"
    assert error["errors"][0]["location"] == "permission.role"
    error = _refused(drive.permissions().create(fileId=made["id"], body={**share, "role": {"a": 1}}))
    assert error["errors"][0]["location"] == "permission.role"
    roles = [p["role"] for p in drive.permissions().list(fileId=made["id"]).execute()["permissions"]]
    assert sorted(roles) == ["owner", "reader"]


@pytest.mark.parametrize("value", [{"a": {"b": "c"}}, ["a"], {"a": ["b"]}])
def test_properties_must_map_names_to_strings(drive: Any, value: Any) -> None:
    before = _names(drive)
    error = _refused(drive.files().create(body={"name": "tagged", "properties": value}))
    assert error["errors"][0]["reason"] == "invalid"
    assert error["errors"][0]["location"].startswith("file.properties")
    assert _names(drive) == before


@pytest.mark.parametrize("depth", [300, 1000])
def test_properties_nested_hundreds_deep_are_refused(twin: Any, drive: Any, depth: int) -> None:
    body = b'{"name": "deep", "properties": ' + b'{"a": ' * depth + b'"x"' + b"}" * depth + b"}"
    with twin.http() as http:
        answer = http.post("/drive/v3/files", content=body, headers={"content-type": "application/json"})
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["errors"][0]["reason"] == "invalid"
    assert "nested more than 100 levels deep" in error["message"]
    listing = drive.files().list().execute()  # and the listing still answers
    assert "deep" not in [f["name"] for f in listing["files"]]


@pytest.mark.parametrize(
    "q",
    ["(" * 3000 + "name = 'a'" + ")" * 3000, "not " * 3000 + "name = 'a'", "(" * 101 + "trashed = false" + ")" * 101],
    ids=["parentheses", "not", "just-past-the-limit"],
)
def test_a_query_nested_thousands_deep_is_an_invalid_q(twin: Any, q: str) -> None:
    # raw HTTP: googleapiclient turns a URL this long into a POST with X-HTTP-Method-Override, which the twin
    # does not take yet
    with twin.http() as http:
        answer = http.get("/drive/v3/files", params={"q": q})
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["errors"][0]["reason"] == "invalid"
    assert error["errors"][0]["location"] == "q"
    assert "nests parentheses and not more than 100 levels deep" in error["message"]


def test_a_query_nested_a_few_levels_still_works(drive: Any) -> None:
    drive.files().create(body={"name": "found"}).execute()
    q = "(" * 20 + "name = 'found'" + ")" * 20
    assert [f["name"] for f in drive.files().list(q=q).execute()["files"]] == ["found"]


@pytest.mark.parametrize(
    "fields", ["files(" * 3000 + "id" + ")" * 3000, "/".join(["files"] * 3000)], ids=["parentheses", "slashes"]
)
def test_fields_nested_thousands_deep_are_an_invalid_selection(twin: Any, fields: str) -> None:
    with twin.http() as http:  # a long mask goes as a query parameter, as the client sends it
        answer = http.get("/drive/v3/files", params={"fields": fields})
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["errors"][0]["reason"] == "invalidParameter"
    assert error["errors"][0]["location"] == "fields"
    assert error["message"].endswith("(nested more than 100 levels deep)")


# -- a write the state file refuses ------------------------------------------------------------------------
@pytest.fixture
def kept(twin: Any, tmp_path: Path) -> Iterator[TestClient]:
    """The Google twin in this process, kept in ``tmp_path/state.db`` (``twin`` puts its package on the path)."""
    app = importlib.import_module("twin_google.runtime").load_app("twin_google")
    app.twin.keep_state(tmp_path / "state.db")
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        yield client
    app.twin.tenants.store.close()


def test_a_write_the_state_file_refuses_is_googles_503_and_is_undone(
    kept: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    token = next(c["token"] for c in kept.get("/_twin/credentials").json()["credentials"] if c["name"] == "owner")
    auth = {"Authorization": f"Bearer {token}"}
    assert kept.post("/drive/v3/files", headers=auth, json={"name": "kept"}).status_code == 200
    store: Any = kept.app.twin.tenants.store  # type: ignore[attr-defined]
    store._db.close()  # the file can no longer be written: SQLite opens it read-only
    store._db = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    with caplog.at_level(logging.ERROR, logger="twin"):
        answer = kept.post("/drive/v3/files", headers=auth, json={"name": "lost"})
    assert answer.status_code == 503
    error = answer.json()["error"]
    assert error["status"] == "UNAVAILABLE"
    assert error["errors"][0]["reason"] == "backendError"
    names = [
        f["name"] for f in kept.get("/drive/v3/files", headers=auth, params={"q": "'me' in owners"}).json()["files"]
    ]
    assert "kept" in names and "lost" not in names
    assert "the change was undone" in caplog.text


def test_the_control_plane_keeps_plain_json(twin: Any) -> None:
    with httpx.Client(base_url=twin.base_url) as http:
        answer = http.post("/_twin/clock", json={"advance": 1e300})
    assert answer.status_code == 400
    assert answer.json()["error"] == "bad_request"
